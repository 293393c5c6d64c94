package com.bulkimport.api.security;

import com.bulkimport.support.security.TokenIssuer;
import com.bulkimport.support.security.TokenProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Where to sign in: the issuer and the web UI's public client, so a browser app (authorization code
 * with PKCE) or the CLI can find the authorization server from the API's address alone. Public.
 */
@RestController
@Tag(name = "sign-in", description = "public: what the web UI needs to sign in")
class SignInController {

    private final TokenIssuer issuer;
    private final TokenProperties tokens;
    private final SecurityProperties properties;

    SignInController(TokenIssuer issuer, TokenProperties tokens, SecurityProperties properties) {
        this.issuer = issuer;
        this.tokens = tokens;
        this.properties = properties;
    }

    /** {@code issuer} is null when none is configured (then nobody can sign in). */
    record SignIn(String issuer, String clientId, List<String> scopes, List<String> audiences, String tenantClaim) {
    }

    @Operation(summary = "The OIDC issuer, client and scopes the web UI signs in with")
    @GetMapping(path = "/api/auth/config", produces = MediaType.APPLICATION_JSON_VALUE)
    SignIn config() {
        return new SignIn(issuer.issuerUri().isEmpty() ? null : issuer.issuerUri(), properties.webClientId(),
                List.of("openid", "profile"), tokens.audiences(), properties.tenantClaim());
    }
}
