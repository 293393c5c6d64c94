package com.bulkimport.relay.observability;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.relay.RelayApplication;
import com.bulkimport.relay.metrics.BacklogGauges;
import com.bulkimport.relay.testing.OutboxRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liveness, readiness (PostgreSQL, the transport, outbox lag under {@code bulkimport.relay.health.max-lag})
 * and info on the relay's management port. The relay's loop is off, so rows stay pending as long as a test wants.
 */
@SpringBootTest(classes = RelayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=outbox-relay", "bulkimport.relay.enabled=false"})
class RelayHealthIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;
    @Value("${local.management.port}")
    int managementPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BacklogGauges backlog;

    private JsonHttp http;
    private OutboxRows rows;

    @BeforeEach
    void setUp() {
        // no issuer here: a loopback caller is the admin, and sees which checks answered
        http = new JsonHttp("http://127.0.0.1:" + managementPort);
        rows = new OutboxRows(jdbc);
        rows.settleEverythingPending();
        backlog.sample();
    }

    @AfterEach
    void settle() {
        rows.settleEverythingPending();
        backlog.sample();
    }

    private static JsonNode json(String text) {
        return JsonHttp.JSON.readTree(text);
    }

    /** The statuses alone: an admin also sees each check's details, which vary by machine. */
    private static JsonNode statuses(JsonNode health) {
        JsonNode copy = health.deepCopy();
        copy.path("components").forEach(component -> ((ObjectNode) component).remove("details"));
        return copy;
    }

    @Test
    void livenessIsTheProcessAlone() {
        JsonHttp.Response liveness = http.get("/actuator/health/liveness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json()).isEqualTo(json("""
                {"status":"UP","components":{"livenessState":{"status":"UP"}}}"""));
    }

    @Test
    void readyWhileTheOutboxKeepsUp() {
        JsonHttp.Response readiness = http.get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(statuses(readiness.json())).isEqualTo(json("""
                {"status":"UP","components":{"db":{"status":"UP"},"outboxLag":{"status":"UP"},
                 "readinessState":{"status":"UP"},"transport":{"status":"UP"}}}"""));
    }

    @Test
    void notReadyWhileTheOldestPendingRowIsOlderThanTheMaximumLag() {
        UUID old = rows.writeRaw("LAG_TEST", "job-lag", "{\"event_id\":\"$ID\"}");
        jdbc.sql("UPDATE outbox_events SET created_at = now() - interval '6 minutes' WHERE id = :id").param("id", old)
                .update();
        backlog.sample();

        JsonHttp.Response lagging = http.get("/actuator/health/readiness");

        assertThat(lagging.status()).isEqualTo(503);
        assertThat(statuses(lagging.json())).isEqualTo(json("""
                {"status":"DOWN","components":{"db":{"status":"UP"},"outboxLag":{"status":"DOWN"},
                 "readinessState":{"status":"UP"},"transport":{"status":"UP"}}}"""));
        assertThat(http.get("/actuator/health/liveness").status()).as("lag is no reason to restart").isEqualTo(200);

        rows.settleEverythingPending();
        backlog.sample();
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void aFreshBacklogIsNoLag() {
        rows.writeRaw("LAG_TEST", "job-lag", "{\"event_id\":\"$ID\"}");
        backlog.sample();

        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void actuatorIsOnTheManagementPortOnly() {
        JsonHttp service = new JsonHttp("http://127.0.0.1:" + port);
        for (String endpoint : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/metrics", "/actuator/info"}) {
            assertThat(service.get(endpoint).status()).as(endpoint).isEqualTo(404);
            assertThat(http.get(endpoint).status()).as(endpoint).isEqualTo(200);
        }
    }

    @Test
    void infoNamesTheBuildAndTheCommit() throws IOException {
        JsonNode info = http.get("/actuator/info").json();

        assertThat(info.path("build").path("artifact").asString()).isEqualTo("outbox-relay");
        ClassPathResource git = new ClassPathResource("git.properties");
        if (git.exists()) { // built without a .git directory there is no git info, and no failure either
            Properties commit = PropertiesLoaderUtils.loadProperties(git);
            assertThat(info.path("git").path("commit").path("id").asString())
                    .isEqualTo(commit.getProperty("git.commit.id.abbrev"));
        }
    }
}
