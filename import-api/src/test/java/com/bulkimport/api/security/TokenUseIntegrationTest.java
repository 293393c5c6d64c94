package com.bulkimport.api.security;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cognito signs ID tokens and access tokens with the same key, and its ID token names the app client in
 * {@code aud}: only {@code token_use} tells them apart. An ID token is refused; the access token is taken.
 */
class TokenUseIntegrationTest extends ApiIntegrationTest {

    @Test
    void aCognitoIdTokenIsRefused() {
        JsonHttp.Response refused = ApiHttp.bearer(baseUrl(), ISSUER.cognito(TestUser.ALICE, "id")).get("/api/imports");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("type").asString()).endsWith("/invalid-token");
        assertThat(refused.json().path("detail").asString()).contains("not an access token");
    }

    @Test
    void aCognitoAccessTokenIsTaken() {
        assertThat(ApiHttp.bearer(baseUrl(), ISSUER.cognito(TestUser.ALICE, "access")).get("/api/imports").status())
                .isEqualTo(200);
    }
}
