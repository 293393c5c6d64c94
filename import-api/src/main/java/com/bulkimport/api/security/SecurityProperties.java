package com.bulkimport.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * How tokens are read and which browsers may call. The issuer and its keys are Spring's own
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} / {@code jwk-set-uri}.
 *
 * @param audiences          a token must name one of these in {@code aud}, or, for issuers whose
 *                           access tokens carry no audience (Cognito), in {@code client_id}; empty
 *                           accepts any audience
 * @param tenantClaim        the claim holding the user's tenant (Cognito: a custom claim added by a
 *                           pre-token-generation trigger)
 * @param rolesClaim         the claim holding the user's roles or groups (Cognito: {@code cognito:groups})
 * @param adminRole          the role that makes a user an admin
 * @param clockSkew          tolerance for {@code exp} and {@code nbf}
 * @param corsAllowedOrigins browser origins allowed to call the API from another origin; empty allows none
 * @param connectSources     extra origins the web UI's pages may connect to (the issuer and the
 *                           upload storage are added by themselves)
 * @param webClientId        the OAuth client the web UI signs in with (authorization code + PKCE)
 */
@ConfigurationProperties("bulkimport.security")
public record SecurityProperties(List<String> audiences, String tenantClaim, String rolesClaim, String adminRole,
                                 Duration clockSkew, List<String> corsAllowedOrigins, List<String> connectSources,
                                 String webClientId) {

    public SecurityProperties {
        audiences = audiences == null ? List.of() : audiences.stream().filter(a -> !a.isBlank()).toList();
        tenantClaim = tenantClaim == null || tenantClaim.isBlank() ? "tenant" : tenantClaim;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        adminRole = adminRole == null || adminRole.isBlank() ? "admin" : adminRole;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of()
                : corsAllowedOrigins.stream().filter(o -> !o.isBlank()).toList();
        connectSources = connectSources == null ? List.of() : connectSources.stream().filter(o -> !o.isBlank()).toList();
    }
}
