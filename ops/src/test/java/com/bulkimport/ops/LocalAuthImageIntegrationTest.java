package com.bulkimport.ops;

import com.bulkimport.local.auth.LocalSignIn;
import com.bulkimport.ops.Dockerfiles.Instruction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose stack's sign-in server as its container runs it, without Docker: the Dockerfile's layers (for
 * {@code SERVICE=local-auth}) copied
 * into one folder, its ENTRYPOINT started there with the compose service's environment (and nothing else), its
 * HEALTHCHECK asked, and then a CLI token checked the way the compose file tells the API to check it: keys from
 * the JWK set URI, {@code iss} equal to OIDC_ISSUER_URI.
 */
class LocalAuthImageIntegrationTest {

    static final String SERVICE = "local-auth";

    /** What the image for {@code SERVICE=local-auth} says, variables expanded as the container would see them. */
    private static List<String> arguments(String keyword) {
        return Dockerfiles.image(SERVICE).stream().filter(i -> i.keyword().equals(keyword))
                .map(Instruction::arguments)
                .map(arguments -> Dockerfiles.substitute(arguments, Dockerfiles.environment(SERVICE))).toList();
    }

    /** {@code COPY --from=layers /build/extracted/<layer>/ ./}, in the Dockerfile's order, into {@code app}. */
    private static Path image(Path dir) throws Exception {
        Path extracted = LayeredJars.extract(SERVICE, dir.resolve("build"));
        Path app = Files.createDirectories(dir.resolve("app"));
        for (String copy : arguments("COPY")) {
            String layer = copy.replaceFirst("^--from=layers /build/extracted/([a-z-]+)/ \\./$", "$1");
            assertThat(layer).as(copy).doesNotContain(" ");
            Path from = extracted.resolve(layer);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path to = app.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
        }
        return app;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theEntryPointWithTheComposeEnvironmentIsTheIssuerTheApiIsToldToTrust(@TempDir Path dir) throws Exception {
        Path app = image(dir);
        List<String> command = new ArrayList<>(List.of(JsonMapper.builder().build()
                .readValue(arguments("ENTRYPOINT").get(0), String[].class)));
        assertThat(command.get(0)).isEqualTo("java");
        command.set(0, LayeredJars.java().toString());

        // 8084 may be taken on this machine (another local stack): the one change to the compose environment
        int port = freePort();
        ProcessBuilder container = new ProcessBuilder(command).directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("container.log").toFile());
        container.environment().clear();
        ComposeFile.environment(SERVICE).forEach((name, value) -> container.environment().put(name, String.valueOf(value)));
        container.environment().put("BULKIMPORT_AUTH_PORT", String.valueOf(port));
        Process process = container.start();
        try {
            String health = arguments("HEALTHCHECK").get(0).replaceFirst("^.* CMD curl -fsS \"(\\S+)\" \\|\\| exit 1$", "$1")
                    .replace(":8084/", ":" + port + "/");
            awaitUp(health, process, dir.resolve("container.log"));

            Map<String, Object> api = ComposeFile.environment("import-api");
            String base = "http://127.0.0.1:" + port;
            String token = LocalSignIn.withLocalClient(base).token("alice");
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
                    base + URI.create((String) api.get("OIDC_JWK_SET_URI")).getPath()).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                    new JwtIssuerValidator((String) api.get("OIDC_ISSUER_URI"))));
            Jwt jwt = decoder.decode(token);
            assertThat(jwt.getSubject()).isEqualTo("alice");
            // import-api's default OIDC_AUDIENCES
            assertThat(jwt.getAudience()).containsExactly("bulk-import-api");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void awaitUp(String url, Process process, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the server stopped:\n" + Files.readString(log)).isTrue();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    assertThat(response.body()).contains("\"status\":\"UP\"");
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(url + " did not answer 200 within 180 s:\n" + Files.readString(log));
    }
}
