package com.bulkimport.support.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks a signed token must pass in every service: not expired (within the clock skew), issued by the
 * configured issuer, meant for this system's API, and an access token. Without the audience check any token the
 * issuer mints for any of its applications (a Cognito pool often serves several) would do; without the token
 * use check a Cognito ID token (which names the app client in {@code aud}) would pass as an access token.
 */
public final class TokenValidation {

    private TokenValidation() {
    }

    public static OAuth2TokenValidator<Jwt> validator(TokenIssuer issuer, TokenProperties properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        if (!issuer.issuerUri().isEmpty()) {
            validators.add(new JwtIssuerValidator(issuer.issuerUri()));
        }
        validators.add(new AudienceValidator(properties.audiences()));
        validators.add(new AccessTokenValidator());
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /**
     * Cognito says what a token is for in {@code token_use}: {@code access} or {@code id}. An ID token proves who
     * signed in to the client, it grants nothing, so only access tokens pass. Other issuers' tokens have no
     * {@code token_use} (or a different claim telling the type), and are not judged by it.
     */
    record AccessTokenValidator() implements OAuth2TokenValidator<Jwt> {
        @Override
        public OAuth2TokenValidatorResult validate(Jwt token) {
            Object use = token.getClaims().get("token_use");
            return use == null || "access".equals(use) ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                    "the token is not an access token (token_use '" + use + "')", null));
        }
    }

    /** {@code aud} names the API; for access tokens without an audience (Cognito), {@code client_id} does. */
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
