package com.bulkimport.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * The one {@link JwtDecoder} of every service: signed by the issuer's keys (its JWKS, found by OIDC discovery
 * unless given), and valid by {@link TokenValidation}. Keys are fetched on the first token, so a service starts
 * while the issuer is away.
 */
// before Boot's resource server configuration, whose own decoder (from the same issuer properties) must back off
@AutoConfiguration(beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure"
        + ".OAuth2ResourceServerAutoConfiguration")
@ConditionalOnClass(JwtDecoder.class)
@EnableConfigurationProperties({TokenProperties.class, TokenIssuer.class})
public class TokenDecoding {

    /** Without an issuer it refuses every token: who then may do what is each service's security configuration's call. */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(TokenIssuer issuer, TokenProperties properties) {
        if (!issuer.configured()) {
            return token -> {
                throw new BadJwtException("this service has no token issuer configured");
            };
        }
        var validator = TokenValidation.validator(issuer, properties);
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = issuer.jwkSetUri().isEmpty()
                    ? NimbusJwtDecoder.withIssuerLocation(issuer.issuerUri()).build()
                    : NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }
}
