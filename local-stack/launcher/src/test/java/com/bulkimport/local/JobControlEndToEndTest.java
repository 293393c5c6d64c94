package com.bulkimport.local;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.relay.outbox.OutboxRelay;
import com.bulkimport.worker.queue.SqsWorkConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Dry run and confirm, cancel, retry: through the API as alice, with every service and server running. */
class JobControlEndToEndTest {

    static LocalStack stack;
    static SignedInHttp http;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalInfra.shared(), LocalStack.Ports.ANY, Map.of("bulkimport.worker.wait-time", "1s",
                "bulkimport.relay.poll-interval", "50ms", "bulkimport.worker.retry-backoff", "0s"));
        http = SignedInHttp.as(stack, "alice");
        jdbc = stack.api().getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String started(String kind, String csv, String mode) {
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);
        JsonHttp.Response created = http.postJson("/api/imports", Map.of("kind", kind, "file_name", "f.csv",
                "content_length", file.length, "mode", mode));
        assertThat(created.status()).isEqualTo(201);
        String jobId = created.json().path("job_id").asString();
        assertThat(http.putBytes(created.json().path("upload").path("url").asString(), file, Map.of()).status())
                .isEqualTo(200);
        assertThat(http.post("/api/imports/" + jobId + "/start", null, null).status()).isEqualTo(202);
        return jobId;
    }

    private static JsonNode awaitStatus(String jobId, Predicate<String> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode job = http.get("/api/imports/" + jobId).json();
            if (done.test(job.path("status").asString())) {
                return job;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + jobId + " stayed " + job.path("status").asString());
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aConfirmedDryRunDoesExactlyWhatItsPreviewPromised() {
        String base = "customer_ref,name,country\nE1,Ann,PT\nE2,Bo,ES\nE3,Cy,FR\n";
        awaitStatus(started("customers", base, "COMMIT"), "COMPLETED"::equals);

        String jobId = started("customers", "customer_ref,name,country\nE1,Ann,PT\nE2,Bo,IT\nE4,Di,DE\nE4,Di,DE\n"
                + "E5,,PT\n", "DRY_RUN");
        JsonNode preview = awaitStatus(jobId, "PREVIEW_READY"::equals).path("preview");
        assertThat(preview.path("created").asLong()).isEqualTo(1);
        assertThat(preview.path("updated").asLong()).isEqualTo(1);
        assertThat(preview.path("unchanged").asLong()).isEqualTo(1);
        assertThat(preview.path("duplicates").asLong()).isEqualTo(1);
        assertThat(preview.path("errors").asLong()).isEqualTo(1);

        assertThat(http.post("/api/imports/" + jobId + "/confirm", null, null).status()).isEqualTo(202);
        JsonNode done = awaitStatus(jobId, s -> s.startsWith("COMPLETED")).path("progress");

        assertThat(done.path("created").asLong()).isEqualTo(1);
        assertThat(done.path("updated").asLong()).isEqualTo(1);
        assertThat(done.path("unchanged").asLong()).isEqualTo(1);
        assertThat(done.path("duplicates").asLong()).isEqualTo(1);
        assertThat(done.path("errors").asLong()).isEqualTo(1);
        assertThat(http.post("/api/imports/" + jobId + "/confirm", null, null).status()).isEqualTo(409);
    }

    @Test
    void aPendingImportCancelledBeforeAnyWorkerTookIt() {
        SqsWorkConsumer consumer = stack.worker().getBean(SqsWorkConsumer.class);
        consumer.stop();
        String jobId;
        try {
            jobId = started("customers", "customer_ref,name\nX1,Ann\n", "COMMIT");
            JsonHttp.Response cancelled = http.post("/api/imports/" + jobId + "/cancel", null, null);
            assertThat(cancelled.status()).isEqualTo(202);
            assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLING");
        } finally {
            consumer.start();
        }
        awaitStatus(jobId, "CANCELLED"::equals);
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE tenant = 'acme' AND customer_ref = 'X1'")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid = :id AND type = 'IMPORT_JOB_CANCELLED'")
                .param("id", jobId).query(Long.class).single()).isEqualTo(1);
        assertThat(http.post("/api/imports/" + jobId + "/cancel", null, null).status()).isEqualTo(409);
    }

    @Test
    void anImportCancelledWhileApplyingStopsAtTheNextBatch() {
        OutboxRelay relay = stack.relay().getBean(OutboxRelay.class);
        StringBuilder csv = new StringBuilder("customer_ref,name\n");
        for (int i = 0; i < 450; i++) {
            csv.append("Y").append(i).append(",Name ").append(i).append('\n');
        }
        String jobId = started("customers", csv.toString(), "COMMIT");
        awaitStatus(jobId, s -> !s.equals("PENDING"));
        relay.stop();
        try {
            // the batches of a job are released together; with the relay stopped, none is applied yet
            awaitStatus(jobId, s -> s.equals("APPLYING") || s.startsWith("COMPLETED"));
            JsonHttp.Response cancelled = http.post("/api/imports/" + jobId + "/cancel", null, null);
            if (cancelled.status() == 409) {
                return; // the relay had already sent the batches: too late to cancel, correctly refused
            }
            assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLING");
        } finally {
            relay.start();
        }
        JsonNode job = awaitStatus(jobId, "CANCELLED"::equals);
        long applied = job.path("progress").path("created").asLong();
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE tenant = 'acme' AND customer_ref LIKE 'Y%'")
                .query(Long.class).single()).isEqualTo(applied);
    }

    @Test
    void aFailedImportIsRetriedOnceItsCauseIsFixed() {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION test_refuse_z() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.customer_ref = 'Z1' THEN RAISE EXCEPTION 'customer Z1 refused by test'; END IF;
                  RETURN NEW;
                END $$""").update();
        jdbc.sql("CREATE TRIGGER test_refuse_z BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION test_refuse_z()")
                .update();
        String jobId;
        try {
            jobId = started("customers", "customer_ref,name\nZ1,Ann\nZ2,Bo\n", "COMMIT");
            JsonNode failed = awaitStatus(jobId, "FAILED"::equals);
            assertThat(failed.path("failure").path("code").asString()).isEqualTo("BATCH_FAILED");
            assertThat(failed.path("failure").path("reason").asString()).contains("customer Z1 refused by test");
        } finally {
            jdbc.sql("DROP TRIGGER test_refuse_z ON customers").update();
        }

        JsonHttp.Response retried = http.post("/api/imports/" + jobId + "/retry", null, null);

        assertThat(retried.status()).isEqualTo(202);
        JsonNode done = awaitStatus(jobId, "COMPLETED"::equals);
        assertThat(done.path("progress").path("created").asLong()).isEqualTo(2);
        assertThat(http.post("/api/imports/" + jobId + "/retry", null, null).status()).isEqualTo(409);
    }
}
