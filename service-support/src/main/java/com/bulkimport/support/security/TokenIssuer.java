package com.bulkimport.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The issuer the services trust, under Spring's own names, so {@code SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_*}
 * (and import-api's {@code OIDC_ISSUER_URI} / {@code OIDC_JWK_SET_URI}, which its yml maps onto them) keep working.
 *
 * @param issuerUri what {@code iss} must say; its keys are found by OIDC discovery unless {@code jwkSetUri} is given
 * @param jwkSetUri the issuer's keys, when the service reaches the issuer at another address than {@code iss} names
 */
@ConfigurationProperties("spring.security.oauth2.resourceserver.jwt")
public record TokenIssuer(String issuerUri, String jwkSetUri) {

    public TokenIssuer {
        issuerUri = issuerUri == null ? "" : issuerUri.strip();
        jwkSetUri = jwkSetUri == null ? "" : jwkSetUri.strip();
    }

    /** Whether tokens can be checked at all: without an issuer or its keys, none is believed. */
    public boolean configured() {
        return !issuerUri.isEmpty() || !jwkSetUri.isEmpty();
    }
}
