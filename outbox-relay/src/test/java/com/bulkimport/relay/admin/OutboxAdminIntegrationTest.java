package com.bulkimport.relay.admin;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.relay.RelayApplication;
import com.bulkimport.relay.outbox.OutboxRelay;
import com.bulkimport.relay.testing.OutboxRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The operators' endpoints over real HTTP, on the real database; errors as RFC 9457 problem details. */
@SpringBootTest(classes = RelayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=outbox-relay", "bulkimport.relay.enabled=false"})
class OutboxAdminIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;
    /** Actuator's own port, where the metrics are scraped. */
    @Value("${local.management.port}")
    int managementPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutboxRelay relay;

    private JsonHttp http;
    private OutboxRows rows;
    /** A type no other test writes, so counts are this test's own. */
    private String type;

    @BeforeEach
    void setUp() {
        http = new JsonHttp("http://127.0.0.1:" + port);
        rows = new OutboxRows(jdbc);
        rows.settleEverythingPending();
        type = "ADMIN_TEST_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private UUID dead(String error, String age) {
        UUID id = rows.writeRaw(type, "job-admin", "{\"event_id\":\"$ID\",\"source\":\"bulk-import.import-api\"}");
        jdbc.sql("""
                        UPDATE outbox_events SET status = 'DEAD', attempts = 10, last_error = :error,
                               created_at = now() - CAST(:age AS interval)
                        WHERE id = :id""")
                .param("error", error).param("age", age).param("id", id).update();
        return id;
    }

    private void assertProblem(JsonHttp.Response response, int status, String fragment) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asString()).isNotBlank();
        assertThat(response.json().get("detail").asString()).contains(fragment);
    }

    @Test
    void listsByStatusTypeAndAgeInPages() {
        List<UUID> old = IntStream.range(0, 3).mapToObj(i -> dead("boom " + i, "3 hours")).toList();
        UUID young = dead("boom young", "1 minute");
        rows.writeRaw(type, "job-admin", "{}"); // pending

        JsonHttp.Response all = http.get("/admin/outbox/events?type=" + type);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("total").asLong()).isEqualTo(5);

        JsonHttp.Response oldDead = http.get("/admin/outbox/events?status=dead&type=" + type + "&older_than=1h&size=2");
        assertThat(oldDead.json().get("total").asLong()).isEqualTo(3);
        assertThat(oldDead.json().get("items").size()).isEqualTo(2);
        assertThat(oldDead.json().get("size").asInt()).isEqualTo(2);
        JsonHttp.Response secondPage = http.get("/admin/outbox/events?status=DEAD&type=" + type
                + "&older_than=PT1H&size=2&page=1");
        assertThat(secondPage.json().get("items").size()).isEqualTo(1);
        var first = oldDead.json().get("items").get(0);
        assertThat(first.get("status").asString()).isEqualTo("DEAD");
        assertThat(first.get("attempts").asInt()).isEqualTo(10);
        assertThat(first.get("last_error").asString()).startsWith("boom ");
        assertThat(old).contains(UUID.fromString(first.get("id").asString()));

        JsonHttp.Response fresh = http.get("/admin/outbox/events?status=DEAD&type=" + type + "&newer_than=30m");
        assertThat(fresh.json().get("total").asLong()).isEqualTo(1);
        assertThat(fresh.json().get("items").get(0).get("id").asString()).isEqualTo(young.toString());
    }

    @Test
    void inspectsOneEventWithItsEnvelope() {
        EventEnvelope event = rows.write(type, "job-inspect", Map.of("seq", 7));

        JsonHttp.Response response = http.get("/admin/outbox/events/" + event.eventId());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(response.json().get("aggregate_id").asString()).isEqualTo("job-inspect");
        assertThat(response.json().get("trace_id").asString()).isEqualTo(event.traceId());
        assertThat(response.json().get("payload").get("payload").get("seq").asInt()).isEqualTo(7);
        assertThat(response.json().get("payload").get("event_id").asString()).isEqualTo(event.eventId().toString());
    }

    @Test
    void replaysOneDeadEventWithAnAuditNoteAndTheRelayPublishesIt() {
        INFRA.sqs().client().purgeQueue(b -> b.queueUrl(INFRA.workQueueUrl()));
        UUID id = dead("ThrottlingException: too many", "1 hour");

        JsonHttp.Response replayed = http.postJson("/admin/outbox/events/" + id + "/replay",
                Map.of("note", "bus was throttled, INC-42"));

        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(replayed.json().get("attempts").asInt()).isZero();
        assertThat(replayed.json().get("last_error").isNull()).isTrue();
        assertThat(replayed.json().get("replay_note").asString()).isEqualTo("bus was throttled, INC-42");
        assertThat(replayed.json().get("replayed_by").asString()).startsWith("loopback@127.0.0.1");
        assertThat(replayed.json().get("replay_count").asInt()).isEqualTo(1);
        assertThat(replayed.json().get("replayed_at").isNull()).isFalse();

        assertThat(relay.relayOnce()).isEqualTo(1);
        assertThat(rows.status(id)).isEqualTo("PUBLISHED");

        assertProblem(http.postJson("/admin/outbox/events/" + id + "/replay", Map.of()), 400, "note is required");
        JsonHttp.Response again = http.postJson("/admin/outbox/events/" + id + "/replay", Map.of("note", "once more"));
        assertThat(again.json().get("replay_count").asInt()).isEqualTo(2);
        assertProblem(http.postJson("/admin/outbox/events/" + id + "/replay", Map.of("note", "and again")), 409,
                "is PENDING");
    }

    @Test
    void replaysEverythingMatchingAFilterOnce() {
        List<UUID> old = IntStream.range(0, 4).mapToObj(i -> dead("x", "2 days")).toList();
        UUID young = dead("x", "5 minutes");

        JsonHttp.Response response = http.postJson("/admin/outbox/events/replay",
                Map.of("type", type, "older_than", "1d", "note", "downstream fixed"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("replayed").asLong()).isEqualTo(4);
        assertThat(rows.count("PENDING", old)).isEqualTo(4);
        assertThat(rows.status(young)).isEqualTo("DEAD");
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE id IN (:ids) AND replay_note = 'downstream fixed'"
                + " AND attempts = 0 AND replay_count = 1").param("ids", old).query(Long.class).single()).isEqualTo(4);

        assertProblem(http.postJson("/admin/outbox/events/replay", Map.of("status", "PENDING", "note", "n")), 400,
                "DEAD or PUBLISHED");
    }

    @Test
    void purgesDeadEventsOnlyAndKeepsTheRest() {
        List<UUID> deadOnes = IntStream.range(0, 3).mapToObj(i -> dead("x", "1 hour")).toList();
        UUID pending = rows.writeRaw(type, "job-admin", "{}");

        assertProblem(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/admin/outbox/events/" + pending)).DELETE()), 409, "only DEAD events are purged");
        JsonHttp.Response one = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/admin/outbox/events/" + deadOnes.get(0))).DELETE());
        assertThat(one.status()).isEqualTo(204);

        JsonHttp.Response rest = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/admin/outbox/dead?type=" + type)).DELETE());

        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.json().get("purged").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE type = :type").param("type", type)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(rows.status(pending)).isEqualTo("PENDING");
    }

    @Test
    void badInputIsAProblemDetailNeverA500() {
        assertProblem(http.get("/admin/outbox/events?status=LOST"), 400, "status must be one of");
        assertProblem(http.get("/admin/outbox/events?older_than=yesterday"), 400, "older_than must be a duration");
        assertProblem(http.get("/admin/outbox/events?size=5000"), 400, "size must be between 1 and 200");
        assertProblem(http.get("/admin/outbox/events?page=-1"), 400, "page must be");
        assertProblem(http.get("/admin/outbox/events?type=DROP%20TABLE"), 400, "type must be");
        assertProblem(http.get("/admin/outbox/events/" + UUID.randomUUID()), 404, "no outbox event");

        JsonHttp.Response notAnId = http.get("/admin/outbox/events/not-a-uuid");
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.header("Content-Type")).startsWith("application/problem+json");
        JsonHttp.Response badJson = http.post("/admin/outbox/events/replay", "application/json", "{\"note\":");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.header("Content-Type")).startsWith("application/problem+json");
        JsonHttp.Response wrongMethod = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/admin/outbox/events")).PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void prometheusShowsTheRelaysMetricsUnderTheirFixedNames() {
        SqsClient sqs = INFRA.sqs().client();
        sqs.purgeQueue(b -> b.queueUrl(INFRA.workQueueUrl()));
        String published = "METRICS_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        for (int i = 0; i < 3; i++) {
            rows.write(published, "job-metrics", Map.of("n", i));
        }
        rows.writeRaw(published, "job-metrics", "[\"not an object\"]"); // EventBridge: MalformedDetail → DEAD
        // throttled twice: two failed attempts, then it goes out
        EventEnvelope throttled = rows.write(published, "job-metrics", Map.of("n", "throttled"));
        INFRA.events().failEntries(detail -> throttled.eventId().toString().equals(detail.path("event_id").asString()),
                "ThrottlingException", 2);
        for (int round = 0; round < 3; round++) {
            while (relay.relayOnce() > 0) {
                // drain
            }
            // the backoff would hold the retry for a second or more: due now
            jdbc.sql("UPDATE outbox_events SET available_at = now() WHERE id = :id AND status = 'PENDING'")
                    .param("id", throttled.eventId()).update();
        }
        assertThat(rows.row(throttled.eventId())).containsEntry("status", "PUBLISHED").containsEntry("attempts", 2);

        assertThat(http.get("/actuator/prometheus").status()).as("not on the service port").isEqualTo(404);
        String text = new JsonHttp("http://127.0.0.1:" + managementPort).get("/actuator/prometheus").body();

        assertThat(text).contains("bulkimport_outbox_published_total{outcome=\"sent\",transport=\"eventbridge\",type=\"" + published
                + "\"} 4.0");
        assertThat(text).contains("bulkimport_outbox_failed_total{transport=\"eventbridge\",type=\"" + published
                + "\"} 2.0");
        assertThat(text).as("a series exists from the start, at 0").contains(
                "bulkimport_outbox_failed_total{transport=\"eventbridge\",type=\"IMPORT_JOB_CANCELLED\"} 0.0");
        assertThat(text).contains("bulkimport_outbox_dead_total{transport=\"eventbridge\",type=\"" + published
                + "\"} 1.0");
        assertThat(text).contains("bulkimport_outbox_pending ");
        assertThat(text).contains("bulkimport_outbox_lag_seconds ");
        assertThat(text).contains("bulkimport_outbox_publish_latency_seconds_count{transport=\"eventbridge\"}");
        assertThat(text).contains("bulkimport_outbox_publish_latency_seconds{transport=\"eventbridge\",quantile=\"0.99\"}");
        assertThat(text).contains("bulkimport_outbox_batch_size_count{transport=\"eventbridge\"}");
    }
}
