package com.bulkimport.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one rule every service checks a signed token by: expiry with skew, issuer, audience or Cognito's client_id. */
class TokenValidationUnitTest {

    static final String ISSUER = "https://issuer.example/pool";
    final TokenProperties properties = new TokenProperties(List.of("bulk-import-api"), null, null, Duration.ofSeconds(30));
    final OAuth2TokenValidator<Jwt> validator = TokenValidation.validator(new TokenIssuer(ISSUER, ""), properties);

    static Jwt token(Consumer<Map<String, Object>> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).subject("alice")
                .issuedAt(Instant.now().minusSeconds(60)).expiresAt(Instant.now().plusSeconds(300))
                .audience(List.of("bulk-import-api"));
        builder.claims(claims);
        return builder.build();
    }

    private boolean valid(Jwt token) {
        return !validator.validate(token).hasErrors();
    }

    @Test
    void aTokenForTheApiFromTheIssuerIsValid() {
        assertThat(valid(token(claims -> { }))).isTrue();
    }

    @Test
    void anotherIssuerOrAudienceIsRefused() {
        assertThat(valid(token(claims -> claims.put("iss", "https://evil.example/pool")))).isFalse();
        assertThat(valid(token(claims -> claims.put("aud", List.of("another-app"))))).isFalse();
    }

    @Test
    void withoutAnAudienceTheClientIdMustNameTheApi() {
        assertThat(valid(token(claims -> {
            claims.remove("aud");
            claims.put("client_id", "bulk-import-api");
        }))).isTrue();
        assertThat(valid(token(claims -> {
            claims.remove("aud");
            claims.put("client_id", "another-app");
        }))).isFalse();
        assertThat(valid(token(claims -> claims.remove("aud")))).isFalse();
    }

    @Test
    void aCognitoIdTokenIsRefusedAndItsAccessTokenTaken() {
        assertThat(valid(token(claims -> claims.put("token_use", "id")))).isFalse();
        assertThat(validator.validate(token(claims -> claims.put("token_use", "id"))).getErrors())
                .extracting(error -> error.getDescription()).containsExactly("the token is not an access token (token_use 'id')");
        assertThat(valid(token(claims -> {
            claims.remove("aud");
            claims.put("client_id", "bulk-import-api");
            claims.put("token_use", "access");
        }))).isTrue();
    }

    @Test
    void anEmptyAudienceListIsNoSetting() {
        assertThatThrownBy(() -> new TokenProperties(List.of(" "), null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OIDC_AUDIENCES");
        assertThatThrownBy(() -> new TokenProperties(null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expiryHasTheConfiguredSkew() {
        Instant now = Instant.now();
        assertThat(valid(token(claims -> {
            claims.put("iat", now.minusSeconds(120));
            claims.put("exp", now.minusSeconds(10));
        }))).as("expired 10 s ago, within 30 s of skew").isTrue();
        assertThat(valid(token(claims -> {
            claims.put("iat", now.minusSeconds(120));
            claims.put("exp", now.minusSeconds(60));
        }))).isFalse();
    }

    @Test
    void rolesComeAsAListOrAsOneSeparatedString() {
        assertThat(properties.isAdmin(token(claims -> claims.put("roles", List.of("user", "admin"))))).isTrue();
        assertThat(properties.isAdmin(token(claims -> claims.put("roles", "user admin")))).isTrue();
        assertThat(properties.isAdmin(token(claims -> claims.put("roles", "user,admin")))).isTrue();
        assertThat(properties.isAdmin(token(claims -> claims.put("roles", List.of("user"))))).isFalse();
        assertThat(properties.isAdmin(token(claims -> { }))).isFalse();
    }
}
