package com.bulkimport.api.openapi;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document the running API serves at {@code /v3/api-docs}, linted as a client would see it: Redocly
 * CLI with its recommended rules and Spectral with the OWASP ruleset, neither with a single error. The
 * build installs both from {@code import-api/openapi-lint/package-lock.json} ({@code npm ci}, into
 * {@code target/openapi-lint}); a rule is off only in {@code redocly.yaml} or {@code spectral.yaml} there,
 * with its reason beside it.
 */
class OpenApiLintIntegrationTest extends ApiIntegrationTest {

    private static final Path DIR = Path.of(System.getProperty("bulkimport.openapi-lint.dir", "target/openapi-lint"));

    record Result(int exitCode, String output) {
    }

    private Path document;

    /**
     * Written where a person can lint it again by hand (README, "The API contract"), indented so that the
     * findings' line numbers point somewhere readable.
     */
    @BeforeEach
    void fetchTheServedDocument() throws IOException {
        JsonHttp.Response response = anonymous().get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        document = DIR.resolve("api-docs.json");
        Files.writeString(document, JsonHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(response.json()));
    }

    @Test
    void redoclyRecommendedFindsNoError() throws Exception {
        Result result = run("redocly", "lint", "--config", "redocly.yaml", "--format", "stylish", document.toString());
        // the findings are the failure message: what to fix is in the assertion's text
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).as(result.output()).contains("Woohoo! Your API description is valid.");
    }

    @Test
    void spectralOwaspFindsNoError() throws Exception {
        Result result = run("spectral", "lint", "--ruleset", "spectral.yaml", "--fail-severity", "error",
                "--format", "text", document.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).as(result.output()).doesNotContain(" error ");
    }

    /**
     * The rulesets bite: the served document with a summary, a limit and a rate-limit header taken out fails both
     * linters, each finding named (Spectral's own input rules included, not only the OWASP ones left on).
     */
    @Test
    void theRulesetsCatchWhatTheyShould() throws Exception {
        ObjectNode doc = (ObjectNode) JsonHttp.JSON.readTree(Files.readString(document));
        ObjectNode paths = (ObjectNode) doc.get("paths");
        ((ObjectNode) paths.get("/api/imports/{id}").get("get")).remove("summary");
        ((ObjectNode) paths.get("/api/imports/{id}").get("get")).remove("security");
        ObjectNode list = (ObjectNode) paths.get("/api/imports").get("get");
        for (JsonNode parameter : list.get("parameters")) {
            for (String limit : List.of("maxLength", "maximum", "maxItems")) {
                ((ObjectNode) parameter.get("schema")).remove(limit);
            }
        }
        ((ObjectNode) paths.get("/api/imports/{id}/start").get("post").get("responses").get("429").get("headers"))
                .remove("Retry-After");
        ((ObjectNode) paths.get("/api/imports/{id}/start").get("post").get("responses").get("202").get("headers"))
                .remove("RateLimit-Remaining");
        Path broken = DIR.resolve("api-docs-broken.json");
        Files.writeString(broken, JsonHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));

        Result redocly = run("redocly", "lint", "--config", "redocly.yaml", "--format", "stylish", broken.toString());
        assertThat(redocly.exitCode()).as(redocly.output()).isEqualTo(1);
        assertThat(redocly.output()).contains("operation-summary", "security-defined");
        Result spectral = run("spectral", "lint", "--ruleset", "spectral.yaml", "--fail-severity", "error",
                "--format", "text", broken.toString());
        assertThat(spectral.exitCode()).as(spectral.output()).isEqualTo(1);
        assertThat(spectral.output()).contains("bulkimport-input-string-limit", "bulkimport-input-integer-limit",
                "bulkimport-input-array-limit", "bulkimport-rate-limit-headers", "owasp:api4:2023-rate-limit-retry-after",
                "owasp:api2:2023-read-restricted");
    }

    /** stdout and stderr together, without colour codes; run in the linters' own directory, offline. */
    private static Result run(String tool, String... args) throws IOException, InterruptedException {
        Path bin = DIR.resolve("node_modules/.bin").resolve(tool);
        assertThat(Files.isExecutable(bin)).as(bin + " is missing: the import-api build installs it (npm ci)").isTrue();
        List<String> command = new ArrayList<>(List.of(bin.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
        // Redocly would report usage and look for updates over the network; the test talks to loopback only
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(tool + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), output.replaceAll("\u001B\\[[0-9;]*m", ""));
    }
}
