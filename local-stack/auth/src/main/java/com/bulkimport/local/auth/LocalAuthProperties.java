package com.bulkimport.local.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local stack's sign-in: demo users and the two clients, read from {@code local-auth.yml}. None
 * of this exists outside the local stack; a deployment trusts a real OIDC issuer instead.
 *
 * @param issuer      the issuer URL stamped into tokens (the API checks it)
 * @param audience    the API's audience, stamped into every access token
 * @param inContainer true only in a container whose port is published on the host's loopback: lifts the
 *                    loopback-only rule of {@link LoopbackOnly} (docker-compose.yml's {@code local-auth})
 */
@ConfigurationProperties("bulkimport.local-auth")
public record LocalAuthProperties(String issuer, String audience, Map<String, User> users, WebClient webClient,
                                  CliClient cliClient, boolean inContainer) {

    /** A demo user: a password for the login page, a tenant, roles ({@code admin} makes an admin). */
    public record User(String password, String tenant, List<String> roles) {
    }

    /** The web UI: a public client (no secret) using the authorization code flow with PKCE. */
    public record WebClient(String id, List<String> redirectUris, List<String> allowedOrigins, Duration tokenTtl) {
    }

    /**
     * The CLI and the tests: a confidential client that may ask for a token for any demo user without
     * a password ({@link LocalUserGrant}), because the one running the local stack owns all of them.
     */
    public record CliClient(String id, String secret, Duration tokenTtl) {
    }
}
