package com.bulkimport.local;

import com.bulkimport.cli.BulkImportCliDriver;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import tools.jackson.databind.JsonNode;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's sign-in, end to end: the CLI's tokens, the web UI's authorization code flow with
 * PKCE against the real login page, users who may not see each other's jobs, and the admin role (on a
 * token meant for the API) on the relay's and the worker's admin endpoints.
 */
class SignInEndToEndTest {

    static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    private static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        return JsonHttp.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    @Test
    void theTokenCommandPrintsAnAccessTokenTheApiAccepts() {
        BulkImportCliDriver.Result result = BulkImportCliDriver.run("token", "bob", "--api", stack.apiUrl());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String token = result.stdout().strip();
        JsonNode claims = claims(token);
        assertThat(claims.path("sub").asString()).isEqualTo("bob");
        assertThat(claims.path("tenant").asString()).isEqualTo("globex");
        assertThat(claims.path("iss").asString()).isEqualTo(stack.authUrl());
        assertThat(claims.path("aud").toString()).contains("bulk-import-api");
        assertThat(new SignedInHttp(stack.apiUrl(), token).get("/api/imports").status()).isEqualTo(200);

        BulkImportCliDriver.Result nobody = BulkImportCliDriver.run("token", "mallory", "--api", stack.apiUrl());
        assertThat(nobody.exitCode()).isEqualTo(1);
        assertThat(nobody.stderr()).contains("no demo user 'mallory'");
    }

    @Test
    void theCliSignsInAsItsUserAndSeesOnlyThatUsersJobs() {
        JsonHttp.Response created = SignedInHttp.as(stack, "alice").postJson("/api/imports/rows", Map.of(
                "kind", "customers", "rows", List.of(Map.of("customer_ref", "SIGNIN-1", "name", "Ann"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String jobId = created.json().path("job_id").asString();

        BulkImportCliDriver.Result asAlice = BulkImportCliDriver.run("status", jobId, "--api", stack.apiUrl());
        BulkImportCliDriver.Result asBob = BulkImportCliDriver.run("status", jobId, "--user", "bob",
                "--api", stack.apiUrl());
        BulkImportCliDriver.Result asAdmin = BulkImportCliDriver.run("status", jobId, "--user", "admin",
                "--api", stack.apiUrl());

        assertThat(asAlice.exitCode()).as(asAlice.stderr()).isZero();
        assertThat(asAlice.json().path("job_id").asString()).isEqualTo(jobId);
        assertThat(asBob.exitCode()).isEqualTo(1);
        assertThat(asBob.stderr()).contains("Import not found");
        assertThat(asAdmin.exitCode()).as(asAdmin.stderr()).isZero();
        assertThat(anonymous(stack.apiUrl() + "/api/imports/" + jobId).statusCode()).isEqualTo(401);
    }

    @Test
    void theWebUiSignsInWithTheAuthorizationCodeFlowAndPkce() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = stack.apiUrl() + "/"; // the web UI is served by the API: its address is the redirect
        String authorize = stack.authUrl() + "/oauth2/authorize?response_type=code&client_id=bulk-import-web"
                + "&scope=openid%20profile&state=s1&code_challenge_method=S256&code_challenge=" + challenge
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8);

        HttpResponse<String> toLogin = browser.send(get(authorize), HttpResponse.BodyHandlers.ofString());
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> loginPage = browser.send(get(stack.authUrl() + "/login"), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as(loginPage.body()).isTrue();
        HttpResponse<String> loggedIn = browser.send(form(stack.authUrl() + "/login", "username=alice&password=alice-local"
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> withCode = browser.send(get(loggedIn.headers().firstValue("Location").orElseThrow()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withCode.statusCode()).as(loggedIn.headers().firstValue("Location") + " " + withCode.headers() + " "
                + withCode.body()).isEqualTo(302);
        String callback = withCode.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(redirect + "?code=").contains("state=s1");
        String code = URI.create(callback).getQuery().replaceAll(".*code=([^&]+).*", "$1");

        String tokenForm = "grant_type=authorization_code&client_id=bulk-import-web&code=" + code
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
        HttpResponse<String> withoutVerifier = browser.send(form(stack.authUrl() + "/oauth2/token", tokenForm),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutVerifier.statusCode()).isEqualTo(400);
        // a failed exchange spends the code: sign in again for a fresh one
        HttpResponse<String> again = browser.send(get(authorize), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as(again.headers() + " " + again.body()).isEqualTo(302);
        String freshCode = URI.create(again.headers().firstValue("Location").orElseThrow()).getQuery()
                .replaceAll(".*code=([^&]+).*", "$1");
        HttpResponse<String> token = browser.send(form(stack.authUrl() + "/oauth2/token", "grant_type=authorization_code"
                + "&client_id=bulk-import-web&code=" + freshCode + "&code_verifier=" + verifier
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = JsonHttp.JSON.readTree(token.body()).path("access_token").asString();
        assertThat(claims(accessToken).path("tenant").asString()).isEqualTo("acme");
        assertThat(new SignedInHttp(stack.apiUrl(), accessToken).get("/api/imports").status()).isEqualTo(200);
    }

    @Test
    void theRelaysAndWorkersAdminEndpointsNeedTheAdminRole() throws Exception {
        for (String url : List.of(stack.relayUrl() + "/admin/outbox/events", stack.workerUrl() + "/admin/dead-letters")) {
            assertThat(anonymous(url).statusCode()).as(url).isEqualTo(401);
            assertThat(new SignedInHttp(url, stack.token("alice")).get("").status()).as(url).isEqualTo(403);
            assertThat(new SignedInHttp(url, stack.token("admin")).get("").status()).as(url).isEqualTo(200);
        }
        assertThat(anonymous(stack.relayManagementUrl() + "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(anonymous(stack.workerManagementUrl() + "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(anonymous(stack.authUrl() + "/actuator/health").statusCode()).isEqualTo(200);
    }

    /**
     * Actuator: not on the relay's and the worker's service port (which the API's tasks reach for the admin
     * endpoints), but on a management port of its own, where the health checks and the metrics scrapers need no
     * token; which checks answered, and what they found, only an admin sees (the stack has an issuer, so being
     * on loopback makes no one an admin).
     */
    @Test
    void actuatorIsOnTheManagementPortsAndHealthDetailsAreForAdmins() {
        for (String service : List.of(stack.relayUrl(), stack.workerUrl())) {
            for (String endpoint : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator/health")) {
                assertThat(anonymous(service + endpoint).statusCode()).as(service + endpoint).isEqualTo(404);
                assertThat(new SignedInHttp(service + endpoint, stack.token("admin")).get("").status())
                        .as(service + endpoint).isEqualTo(404);
            }
        }
        for (String management : List.of(stack.apiManagementUrl(), stack.relayManagementUrl(), stack.workerManagementUrl())) {
            assertThat(anonymous(management + "/actuator/prometheus").statusCode()).as(management).isEqualTo(200);
            HttpResponse<String> health = anonymous(management + "/actuator/health/readiness");
            assertThat(health.statusCode()).as(management).isEqualTo(200);
            assertThat(JsonHttp.JSON.readTree(health.body())).as(management)
                    .isEqualTo(JsonHttp.JSON.readTree("{\"status\":\"UP\"}"));
            assertThat(new SignedInHttp(management + "/actuator/health/readiness", stack.token("alice")).get("")
                    .json().has("components")).as(management).isFalse();
            JsonNode asAdmin = new SignedInHttp(management + "/actuator/health/readiness", stack.token("admin")).get("")
                    .json();
            assertThat(asAdmin.path("components").has("db")).as(management + " " + asAdmin).isTrue();
        }
    }

    /**
     * A token the same issuer signed for the admin, differing from the real one only in its audience:
     * the API, the relay and the worker all refuse it (401), and take its twin with the API's audience.
     */
    @Test
    void anAdminTokenForAnotherAudienceIsRefusedEverywhere() {
        String forAnotherApp = adminToken("some-other-app");
        String forTheApi = adminToken("bulk-import-api");
        for (String url : List.of(stack.relayUrl() + "/admin/outbox/events", stack.workerUrl() + "/admin/dead-letters",
                stack.apiUrl() + "/api/imports")) {
            JsonHttp.Response refused = new SignedInHttp(url, forAnotherApp).get("");
            assertThat(refused.status()).as(url).isEqualTo(401);
            assertThat(refused.header("Content-Type")).as(url).startsWith("application/problem+json");
            assertThat(refused.json().path("type").asString()).as(url).endsWith("/invalid-token");
            assertThat(new SignedInHttp(url, forTheApi).get("").status()).as(url).isEqualTo(200);
        }
    }

    /** Signed with the sign-in server's own key, with the claims it gives the admin. */
    private static String adminToken(String audience) {
        @SuppressWarnings("unchecked")
        JWKSource<SecurityContext> keys = stack.auth().getBean(JWKSource.class);
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(stack.authUrl()).subject("admin")
                .audience(List.of(audience)).issuedAt(now).expiresAt(now.plusSeconds(300))
                .claim("tenant", "ops").claim("roles", List.of("user", "admin")).build();
        return new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue();
    }

    private static HttpResponse<String> anonymous(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build();
    }

    private static HttpRequest form(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }
}
