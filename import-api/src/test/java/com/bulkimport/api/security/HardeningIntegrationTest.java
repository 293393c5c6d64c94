package com.bulkimport.api.security;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** CORS for configured origins only, security headers on every answer, Actuator only on the management port. */
class HardeningIntegrationTest extends ApiIntegrationTest {

    private JsonHttp.Response preflight(String origin) {
        return new JsonHttp(baseUrl()).send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/imports"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key"));
    }

    @Test
    void onlyConfiguredOriginsMayCallFromTheBrowser() {
        JsonHttp.Response allowed = preflight("https://ui.example.test");
        JsonHttp.Response refused = preflight("https://evil.example");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://ui.example.test");
        assertThat(allowed.header("Access-Control-Allow-Methods")).isEqualTo("GET,POST,PATCH,DELETE");
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        JsonHttp.Response simple = http().send(http().request("/api/imports").header("Origin", "https://evil.example")
                .GET());
        assertThat(simple.status()).isEqualTo(403);
        assertThat(simple.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (JsonHttp.Response response : new JsonHttp.Response[] {http().get("/api/imports"),
                anonymous().get("/api/imports"), anonymous().get("/api/templates")}) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
            assertThat(response.header("Permissions-Policy")).isEqualTo("camera=(), microphone=(), geolocation=(), payment=()");
            assertThat(response.header("Content-Security-Policy"))
                    .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                    .contains("connect-src 'self' " + ISSUER.issuer().replace("/issuer", ""))
                    .contains(INFRA.s3().endpoint());
        }
    }

    @Test
    void actuatorIsOnTheManagementPortOnly() {
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(http().get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(http().get("/actuator/health").status()).isEqualTo(404);
        JsonHttp management = new JsonHttp(managementUrl());
        assertThat(management.get("/actuator/health").status()).isEqualTo(200);
        assertThat(management.get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void tokensInTheQueryStringAreNotAccepted() {
        assertThat(anonymous().get("/api/imports?access_token=" + ISSUER.token(com.bulkimport.api.support.TestUser.ALICE))
                .status()).isEqualTo(401);
    }
}
