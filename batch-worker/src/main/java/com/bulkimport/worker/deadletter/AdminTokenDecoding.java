package com.bulkimport.worker.deadletter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which bearer tokens the admin endpoints believe, by the same rule as import-api's: signed by the
 * issuer's keys, issued by it, not expired, and meant for this system's API. Without the audience
 * check any token the issuer mints for any of its applications (a Cognito pool often serves several)
 * would do, as long as its user had the admin role. Keys are fetched on the first request, so the
 * service starts while the issuer is away.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminTokenDecoding.AdminTokenProperties.class)
class AdminTokenDecoding {

    /**
     * Read from the same names as import-api's ({@code OIDC_AUDIENCES} and friends set both).
     *
     * @param audiences  a token must name one of these in {@code aud}, or, when it has no {@code aud}
     *                   (Cognito access tokens), in {@code client_id}; empty accepts any audience
     * @param rolesClaim the claim holding the user's roles or groups
     * @param adminRole  the role the admin endpoints need
     * @param clockSkew  tolerance for {@code exp} and {@code nbf}
     */
    @ConfigurationProperties("bulkimport.security")
    record AdminTokenProperties(List<String> audiences, @DefaultValue("roles") String rolesClaim,
                                @DefaultValue("admin") String adminRole, @DefaultValue("30s") Duration clockSkew) {

        AdminTokenProperties {
            audiences = audiences == null ? List.of() : audiences.stream().filter(a -> !a.isBlank()).toList();
        }
    }

    /** Used only where an issuer is configured ({@code AdminSecurityConfiguration}); refuses everything otherwise. */
    @Bean
    JwtDecoder adminTokenDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer,
                                 @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri,
                                 AdminTokenProperties properties) {
        if (issuer.isBlank() && jwkSetUri.isBlank()) {
            return token -> {
                throw new BadJwtException("this service has no token issuer configured");
            };
        }
        OAuth2TokenValidator<Jwt> validator = validator(issuer, properties);
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = jwkSetUri.isBlank()
                    ? NimbusJwtDecoder.withIssuerLocation(issuer).build()
                    : NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, AdminTokenProperties properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        if (!issuer.isBlank()) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        if (!properties.audiences().isEmpty()) {
            validators.add(new AudienceValidator(properties.audiences()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** {@code aud} names the API; for access tokens without an audience (Cognito), {@code client_id} does. */
    record AudienceValidator(List<String> audiences) implements OAuth2TokenValidator<Jwt> {
        @Override
        public OAuth2TokenValidatorResult validate(Jwt token) {
            List<String> aud = token.getAudience();
            boolean ok = aud != null && !aud.isEmpty() ? aud.stream().anyMatch(audiences::contains)
                    : audiences.contains(token.getClaimAsString("client_id"));
            return ok ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(
                    new OAuth2Error("invalid_token", "the token is not meant for this system's API (audience)", null));
        }
    }
}
