package com.bulkimport.worker.observability;

import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness, readiness (PostgreSQL, SQS, S3) and info on the worker's management port. */
class WorkerHealthIntegrationTest extends WorkerIntegrationTest {

    @LocalServerPort
    int port;
    @Value("${local.management.port}")
    int managementPort;

    /** No issuer here: a loopback caller is the admin, and sees which checks answered. */
    private JsonHttp http() {
        return new JsonHttp("http://127.0.0.1:" + managementPort);
    }

    static JsonNode json(String text) {
        return JsonHttp.JSON.readTree(text);
    }

    /** The statuses alone: an admin also sees each check's details, which vary by machine. */
    static JsonNode statuses(JsonNode health) {
        JsonNode copy = health.deepCopy();
        copy.path("components").forEach(component -> ((ObjectNode) component).remove("details"));
        return copy;
    }

    @Test
    void livenessIsTheProcessAlone() {
        JsonHttp.Response liveness = http().get("/actuator/health/liveness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json()).isEqualTo(json("""
                {"status":"UP","components":{"livenessState":{"status":"UP"}}}"""));
    }

    @Test
    void readinessCoversTheDatabaseTheQueuesAndTheBucket() {
        JsonHttp.Response readiness = http().get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        // a loopback caller is the admin where no issuer is configured: it sees which checks answered
        assertThat(statuses(readiness.json())).isEqualTo(json("""
                {"status":"UP","components":{"db":{"status":"UP"},"readinessState":{"status":"UP"},
                 "s3":{"status":"UP"},"sqs":{"status":"UP"}}}"""));
    }

    @Test
    void actuatorIsOnTheManagementPortOnly() {
        JsonHttp service = new JsonHttp("http://127.0.0.1:" + port);
        for (String endpoint : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/metrics", "/actuator/info"}) {
            assertThat(service.get(endpoint).status()).as(endpoint).isEqualTo(404);
            assertThat(http().get(endpoint).status()).as(endpoint).isEqualTo(200);
        }
    }

    @Test
    void infoNamesTheBuildAndTheCommit() throws IOException {
        JsonNode info = http().get("/actuator/info").json();

        assertThat(info.path("build").path("artifact").asString()).isEqualTo("batch-worker");
        assertThat(info.path("build").path("version").asString()).isNotBlank();
        ClassPathResource git = new ClassPathResource("git.properties");
        if (git.exists()) { // built without a .git directory there is no git info, and no failure either
            Properties commit = PropertiesLoaderUtils.loadProperties(git);
            assertThat(info.path("git").path("commit").path("id").asString())
                    .isEqualTo(commit.getProperty("git.commit.id.abbrev"));
            assertThat(info.path("git").path("branch").asString()).isEqualTo(commit.getProperty("git.branch"));
        }
    }
}
