package com.bulkimport.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Sign-in settings of the API alone, beside the token settings every service shares
 * ({@link com.bulkimport.support.security.TokenProperties}: audiences, roles claim, admin role, clock skew, under
 * the same {@code bulkimport.security} prefix). The issuer and its keys are Spring's own
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} / {@code jwk-set-uri}.
 *
 * @param tenantClaim        the claim holding the user's tenant (Cognito: a custom claim added by a
 *                           pre-token-generation trigger)
 * @param corsAllowedOrigins browser origins allowed to call the API from another origin; empty allows none
 * @param connectSources     extra origins the web UI's pages may connect to (the issuer and the
 *                           upload storage are added by themselves)
 * @param webClientId        the OAuth client the web UI signs in with (authorization code + PKCE)
 */
@ConfigurationProperties("bulkimport.security")
public record SecurityProperties(String tenantClaim, List<String> corsAllowedOrigins, List<String> connectSources,
                                 String webClientId) {

    public SecurityProperties {
        tenantClaim = tenantClaim == null || tenantClaim.isBlank() ? "tenant" : tenantClaim;
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of()
                : corsAllowedOrigins.stream().filter(o -> !o.isBlank()).toList();
        connectSources = connectSources == null ? List.of() : connectSources.stream().filter(o -> !o.isBlank()).toList();
    }
}
