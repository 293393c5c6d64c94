package com.bulkimport.local.auth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sign-in server started as the compose service starts it: reached at one address (here localhost, there
 * {@code local-auth:8084}) while its tokens and discovery name another, the issuer browsers and the CLI use.
 */
class LocalAuthMainIntegrationTest {

    /** Never contacted: the issuer is only a name in tokens, which resource servers compare with their own. */
    static final String ISSUER = "http://issuer.test:8084";
    static final String WEB = "http://web.test:8080";

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    static ConfigurableApplicationContext server;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = LocalAuthMain.start(Map.of("BULKIMPORT_AUTH_PORT", String.valueOf(port),
                "BULKIMPORT_AUTH_ISSUER", ISSUER, "BULKIMPORT_WEB_ORIGINS", WEB));
        base = "http://localhost:" + port;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void discoveryNamesTheConfiguredIssuerWhereverItIsAskedFrom() throws Exception {
        JsonNode discovery = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration")))
                .body());
        assertThat(discovery.path("issuer").asString()).isEqualTo(ISSUER);
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(discovery.path("authorization_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/authorize");
    }

    @Test
    void theHealthChecksOfTheImageAndOfComposeAnswerUp() throws Exception {
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(base + probe)));
            assertThat(health.statusCode()).as(probe).isEqualTo(200);
            assertThat(health.body()).as(probe).contains("\"status\":\"UP\"");
        }
    }

    /** What import-api does in compose: keys from the container's address, {@code iss} against the public issuer. */
    @Test
    void aCliTokenValidatesAsTheApiValidatesItWithAJwkSetUri() {
        String token = LocalSignIn.withLocalClient(base).token("alice");

        NimbusJwtDecoder api = NimbusJwtDecoder.withJwkSetUri(base + "/oauth2/jwks").build();
        api.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new JwtIssuerValidator(ISSUER)));
        Jwt jwt = api.decode(token);
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getAudience()).containsExactly("bulk-import-api");
        assertThat(jwt.getClaimAsString("tenant")).isEqualTo("acme");

        NimbusJwtDecoder expectingTheContainersAddress = NimbusJwtDecoder.withJwkSetUri(base + "/oauth2/jwks").build();
        expectingTheContainersAddress.setJwtValidator(new JwtIssuerValidator(base));
        assertThatThrownBy(() -> expectingTheContainersAddress.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void theWebClientsRedirectUriAndOriginAreTheConfiguredOnesOnly() throws Exception {
        HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create(authorize(WEB + "/")))
                .header("Accept", "text/html"));
        assertThat(registered.statusCode()).isEqualTo(302);
        assertThat(registered.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        // the yml's default, replaced by BULKIMPORT_WEB_ORIGINS
        assertThat(send(HttpRequest.newBuilder(URI.create(authorize("http://127.0.0.1:8080/"))).header("Accept", "text/html"))
                .statusCode()).isEqualTo(400);

        HttpResponse<String> fromTheWebUi = exchangeCodeFrom(WEB);
        assertThat(fromTheWebUi.statusCode()).isEqualTo(400);
        assertThat(fromTheWebUi.body()).contains("invalid_grant");
        assertThat(fromTheWebUi.headers().firstValue("Access-Control-Allow-Origin")).hasValue(WEB);
        HttpResponse<String> fromElsewhere = exchangeCodeFrom("http://127.0.0.1:8080");
        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static String authorize(String redirectUri) {
        return base + "/oauth2/authorize?response_type=code&client_id=bulk-import-web&scope=openid&state=s"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
                + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8);
    }

    /**
     * The web UI exchanges its code at the token endpoint from its own origin: a form POST, which browsers send
     * without a preflight, so the answer's CORS headers decide whether the page may read the token.
     */
    private static HttpResponse<String> exchangeCodeFrom(String origin) throws Exception {
        String form = "grant_type=authorization_code&client_id=bulk-import-web&code=not-a-code&code_verifier=v"
                + "&redirect_uri=" + URLEncoder.encode(WEB + "/", StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Origin", origin).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }
}
