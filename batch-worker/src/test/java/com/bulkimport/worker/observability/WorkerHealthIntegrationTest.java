package com.bulkimport.worker.observability;

import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness, readiness (PostgreSQL, SQS, S3) and info on the worker's port, as a probe sees them. */
class WorkerHealthIntegrationTest extends WorkerIntegrationTest {

    @LocalServerPort
    int port;

    private JsonHttp http() {
        return new JsonHttp("http://127.0.0.1:" + port);
    }

    static JsonNode json(String text) {
        return JsonHttp.JSON.readTree(text);
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
        // details are for admins: anonymous probes see statuses only
        assertThat(readiness.json()).isEqualTo(json("""
                {"status":"UP","components":{"db":{"status":"UP"},"readinessState":{"status":"UP"},
                 "s3":{"status":"UP"},"sqs":{"status":"UP"}}}"""));
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
