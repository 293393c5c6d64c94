package com.bulkimport.api.observability;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liveness, readiness (PostgreSQL and the upload bucket) and info on the management port: the status for
 * everyone, which checks answered and what they found for admins.
 */
class ApiHealthIntegrationTest extends ApiIntegrationTest {

    /** An admin on the management port: sees which checks answered, and what they found. */
    private ApiHttp management() {
        return ApiHttp.bearer(managementUrl(), ISSUER.token(TestUser.ADMIN));
    }

    static JsonNode json(String text) {
        return JsonHttp.JSON.readTree(text);
    }

    /** The statuses alone: the management port also shows details (what was checked), which vary by machine. */
    static JsonNode statuses(JsonNode health) {
        JsonNode copy = health.deepCopy();
        copy.path("components").forEach(component -> ((ObjectNode) component).remove("details"));
        return copy;
    }

    @Test
    void livenessIsTheProcessAlone() {
        JsonHttp.Response liveness = management().get("/actuator/health/liveness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json()).isEqualTo(json("""
                {"status":"UP","components":{"livenessState":{"status":"UP"}}}"""));
    }

    @Test
    void readinessCoversTheDatabaseAndTheUploadBucket() {
        JsonHttp.Response readiness = management().get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(statuses(readiness.json())).isEqualTo(json("""
                {"status":"UP","components":{"db":{"status":"UP"},"readinessState":{"status":"UP"},
                 "s3":{"status":"UP"}}}"""));
        assertThat(readiness.json().path("components").path("s3").path("details").path("bucket").asString())
                .isEqualTo("bulk-import-uploads");
    }

    @Test
    void infoNamesTheBuildAndTheCommit() throws IOException {
        JsonNode info = management().get("/actuator/info").json();

        assertThat(info.path("build").path("artifact").asString()).isEqualTo("import-api");
        assertThat(info.path("build").path("version").asString()).isNotBlank();
        ClassPathResource git = new ClassPathResource("git.properties");
        if (git.exists()) { // built without a .git directory there is no git info, and no failure either
            Properties commit = PropertiesLoaderUtils.loadProperties(git);
            assertThat(info.path("git").path("commit").path("id").asString())
                    .isEqualTo(commit.getProperty("git.commit.id.abbrev"));
        }
    }

    @Test
    void anonymousCallersReadTheStatusAlone() {
        JsonHttp anonymous = new JsonHttp(managementUrl());
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            JsonHttp.Response health = anonymous.get(path);
            assertThat(health.status()).as(path).isEqualTo(200);
            assertThat(health.json().path("status").asString()).as(path).isEqualTo("UP");
            assertThat(health.json().has("components")).as(path + ": " + health.body()).isFalse();
        }
        // a user who is no admin is no different
        assertThat(ApiHttp.bearer(managementUrl(), ISSUER.token(TestUser.ALICE)).get("/actuator/health/readiness").json())
                .isEqualTo(json("{\"status\":\"UP\"}"));
        // and a broken token is refused, not ignored
        assertThat(ApiHttp.bearer(managementUrl(), ISSUER.expired(TestUser.ADMIN)).get("/actuator/health").status())
                .isEqualTo(401);
    }

    @Test
    void metricsAndInfoAreOnTheManagementPortOnly() {
        JsonHttp anonymous = new JsonHttp(managementUrl());
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/info").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(http(TestUser.ADMIN).get("/actuator/prometheus").status()).as("not even for an admin").isEqualTo(403);
    }

    @Test
    void theProbesStayOffThePublicPort() {
        assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(404);
    }
}
