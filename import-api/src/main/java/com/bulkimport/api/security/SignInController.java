package com.bulkimport.api.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Where to sign in: the issuer and the web UI's public client, so a browser app (authorization code
 * with PKCE) or the CLI can find the authorization server from the API's address alone. Public.
 */
@RestController
class SignInController {

    private final String issuer;
    private final SecurityProperties properties;

    SignInController(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer,
                     SecurityProperties properties) {
        this.issuer = issuer;
        this.properties = properties;
    }

    /** {@code issuer} is null when none is configured (then nobody can sign in). */
    record SignIn(String issuer, String clientId, List<String> scopes, List<String> audiences, String tenantClaim) {
    }

    @GetMapping(path = "/api/auth/config", produces = MediaType.APPLICATION_JSON_VALUE)
    SignIn config() {
        return new SignIn(issuer.isBlank() ? null : issuer, properties.webClientId(), List.of("openid", "profile"),
                properties.audiences(), properties.tenantClaim());
    }
}
