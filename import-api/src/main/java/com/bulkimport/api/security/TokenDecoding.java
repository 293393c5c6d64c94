package com.bulkimport.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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

import java.util.ArrayList;
import java.util.List;

/**
 * Which access tokens the API believes: signed by the configured issuer's keys (fetched from its
 * JWKS, found by OIDC discovery unless given), issued by it, not expired, and meant for this API.
 * Discovery happens on the first request, so the API starts even while the issuer is away.
 */
@Configuration(proxyBeanMethods = false)
class TokenDecoding {

    private static final Logger log = LoggerFactory.getLogger(TokenDecoding.class);

    @Bean
    JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer,
                          @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri,
                          SecurityProperties properties) {
        if (issuer.isBlank() && jwkSetUri.isBlank()) {
            log.error("no token issuer is configured (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI):"
                    + " every request that needs sign-in is refused");
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

    static OAuth2TokenValidator<Jwt> validator(String issuer, SecurityProperties properties) {
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

    /** {@code aud} names this API; for access tokens without an audience (Cognito), {@code client_id} does. */
    record AudienceValidator(List<String> audiences) implements OAuth2TokenValidator<Jwt> {
        @Override
        public OAuth2TokenValidatorResult validate(Jwt token) {
            List<String> aud = token.getAudience();
            boolean ok = aud != null && !aud.isEmpty() ? aud.stream().anyMatch(audiences::contains)
                    : audiences.contains(token.getClaimAsString("client_id"));
            return ok ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(
                    new OAuth2Error("invalid_token", "the token is not meant for this API (audience)", null));
        }
    }
}
