package com.bulkimport.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.local.embedded.testkit.Multipart;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.relay.outbox.OutboxRelay;
import com.bulkimport.worker.queue.SqsWorkConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Dry run and confirm, cancel, retry: through the API as alice, with every service and server running. */
class JobControlEndToEndTest {

    static LocalStack stack;
    /** What the worker logged about the messages of paused jobs it took and set aside. */
    static final List<String> PAUSE_LOG = new CopyOnWriteArrayList<>();
    static final List<String> PAUSE_LOGGERS = List.of("com.bulkimport.worker.apply.ApplyHandler",
            "com.bulkimport.worker.ingest.IngestHandler");
    static final AppenderBase<ILoggingEvent> PAUSE_APPENDER = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getFormattedMessage();
            if (line.contains("left pending: the job is paused") || line.contains("is PAUSED; its ingest waits")) {
                PAUSE_LOG.add(line);
            }
        }
    };
    static SignedInHttp http;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        // the stack this JVM's classes share, whose settings include what these tests need: every batch announced at
        // once (no per-tenant window), since they hold a job's batches by holding their events in the outbox, and
        // batches held for an hour would otherwise fill acme's window, so that a later batch is announced after its
        // hold was set, and applied; and a failed batch retried at once
        stack = SharedStack.get();
        http = SignedInHttp.as(stack, "alice");
        jdbc = stack.api().getBean(JdbcClient.class);
        recordWhatTheWorkerSetsAsideWhilePaused();
    }

    /** A test that failed while it held the relay leaves it running for the next, and for the classes after this. */
    @AfterEach
    void relayRunning() {
        stack.relay().getBean(OutboxRelay.class).start();
    }

    @AfterAll
    static void stopRecording() {
        for (String handler : PAUSE_LOGGERS) {
            ((Logger) LoggerFactory.getLogger(handler)).detachAppender(PAUSE_APPENDER);
        }
    }

    private static String started(String kind, String csv, String mode) {
        return started(kind, csv, mode, Map.of());
    }

    private static String started(String kind, String csv, String mode, Map<String, Object> options) {
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);
        JsonHttp.Response created = http.postJson("/api/imports", Map.of("kind", kind, "file_name", "f.csv",
                "content_length", file.length, "mode", mode, "options", options));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
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

    /**
     * The purchase-import seed's one step, end to end: the multipart upload starts a job the worker
     * completes, the seed's status shows the counts, and the same file again is all duplicates.
     */
    @Test
    void theSeedsOneStepPurchaseUploadIsImportedByTheWorker() {
        String run = Long.toString(System.nanoTime(), 36);
        awaitStatus(started("customers", "customer_ref,name\nSEED-C1-" + run + ",Ann\nSEED-C2-" + run + ",Bo\n",
                "COMMIT"), "COMPLETED"::equals);
        awaitStatus(started("products", "sku,name,category\nSEED-S1-" + run + ",Tea,Drinks\nSEED-S2-" + run
                + ",Cake,Food\n", "COMMIT"), "COMPLETED"::equals);
        byte[] purchases = ("transaction_ref,purchased_at,customer_ref,sku,quantity,unit_price\n"
                + "SEED-T1-" + run + ",2026-01-02 10:00:00,SEED-C1-" + run + ",SEED-S1-" + run + ",2,1.50\n"
                + "SEED-T1-" + run + ",2026-01-02 10:00:00,SEED-C1-" + run + ",SEED-S2-" + run + ",1,4.00\n"
                + "SEED-T2-" + run + ",2026-01-03 09:30:00,SEED-C2-" + run + ",SEED-S1-" + run + ",3,1.50\n")
                .getBytes(StandardCharsets.UTF_8);
        String merchant = "seed-store-" + run;

        JsonNode first = awaitSeedStatus(uploadPurchases(purchases, merchant, "January 2024"));
        assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("completed");
        assertThat(first.path("batch_name").asString()).isEqualTo("January 2024");
        assertThat(first.path("imported_purchases").asLong()).isEqualTo(2);
        assertThat(first.path("imported_items").asLong()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM purchases WHERE tenant = 'acme' AND merchant = :merchant")
                .param("merchant", merchant).query(Long.class).single()).isEqualTo(2);

        JsonNode again = awaitSeedStatus(uploadPurchases(purchases, merchant, "January 2024, again"));
        assertThat(again.path("status").asString()).isEqualTo("completed");
        assertThat(again.path("imported_purchases").asLong()).isZero();
        assertThat(again.path("duplicate_purchases").asLong()).isEqualTo(2);
        assertThat(http.get("/api/import/list/" + merchant).json().path("items").valueStream()
                .map(item -> item.path("batch_name").asString()).toList())
                .containsExactly("January 2024, again", "January 2024");
    }

    private static String uploadPurchases(byte[] file, String merchant, String batchName) {
        Multipart form = Multipart.form().file("file", "purchases.csv", file).field("merchant_id", merchant)
                .field("batch_name", batchName);
        JsonHttp.Response response = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/api/import/purchases"))
                .header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().path("batch_id").asString();
    }

    private static JsonNode awaitSeedStatus(String batchId) {
        awaitStatus(batchId, status -> status.startsWith("COMPLETED") || status.equals("FAILED"));
        return http.get("/api/import/status/" + batchId).json();
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
        // cancelled before its file was read: no total, nothing processed
        assertThat(cancelledEvent(jobId)).isEqualTo(finalCounts(jobId, null, 0, 0));
        assertThat(http.post("/api/imports/" + jobId + "/cancel", null, null).status()).isEqualTo(409);
    }

    /**
     * Starts an import and holds it at APPLYING with none of its batches sent: the worker waits until
     * the relay published the start and was paused, so the batches the ingest releases stay in the
     * outbox. The caller starts the relay again.
     */
    private static String applyingWithBatchesHeld(String kind, String csv, Map<String, Object> options) {
        SqsWorkConsumer consumer = stack.worker().getBean(SqsWorkConsumer.class);
        OutboxRelay relay = stack.relay().getBean(OutboxRelay.class);
        consumer.stop();
        String jobId = null;
        try {
            String id = started(kind, csv, "COMMIT", options);
            jobId = id;
            awaitTrue(() -> jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid = :id"
                    + " AND type = 'IMPORT_JOB_STARTED' AND status = 'PUBLISHED'").param("id", id)
                    .query(Long.class).single() == 1, "the start of " + id + " published");
            relay.stop();
            sleep(250); // a round that began before the pause ends (it found no batch: none exists yet)
        } finally {
            consumer.start();
        }
        awaitStatus(jobId, "APPLYING"::equals);
        // the first batches move the job to APPLYING while its file is still read (apply while reading): wait for the
        // end of the file, so every batch of the job is in the outbox before the caller holds some of them
        String id = jobId;
        awaitTrue(() -> !jdbc.sql("SELECT still_reading FROM import_jobs WHERE id = :id").param("id", UUID.fromString(id))
                .query(Boolean.class).single(), "the file of " + id + " read to its end");
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid = :id AND type = 'IMPORT_BATCH_READY'"
                + " AND status <> 'PENDING'").param("id", jobId).query(Long.class).single())
                .as("no batch of %s left the outbox", jobId).isZero();
        return jobId;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 60 s: " + what);
            }
            sleep(50);
        }
    }

    /** Batch outbox rows of the job from {@code seq} on are due in an hour, or (later) now again. */
    private static void deferBatches(String jobId, int fromSeq, String availableAt) {
        jdbc.sql("UPDATE outbox_events SET available_at = " + availableAt + " WHERE aggregateid = :id"
                        + " AND type = 'IMPORT_BATCH_READY' AND (payload->'payload'->>'seq')::int >= :seq")
                .param("id", jobId).param("seq", fromSeq).update();
    }

    /**
     * 450 customers whose refs start with {@code prefix}, in five batches of 100, 100, 100, 100, 50, of which the
     * first two are applied and the other three held in the outbox for an hour. @return the job's id
     */
    private static String twoOfFiveBatchesApplied(String prefix) {
        OutboxRelay relay = stack.relay().getBean(OutboxRelay.class);
        StringBuilder csv = new StringBuilder("customer_ref,name\n");
        for (int i = 0; i < 450; i++) {
            csv.append(prefix).append(i).append(",Name ").append(i).append('\n');
        }
        String jobId;
        try {
            jobId = applyingWithBatchesHeld("customers", csv.toString(), Map.of("batch_size", 100));
            deferBatches(jobId, 2, "now() + interval '1 hour'");
        } finally {
            relay.start();
        }
        awaitTrue(() -> jdbc.sql("SELECT batches_done FROM import_jobs WHERE id = :id").param("id", UUID.fromString(jobId))
                .query(Integer.class).single() == 2, "two batches of " + jobId + " applied");
        return jobId;
    }

    @Test
    void anImportCancelledWhileApplyingStopsAtTheNextBatch() {
        String prefix = "Y" + UUID.randomUUID().toString().substring(0, 8) + "-";
        // only the first two batches may go out before the cancel
        String jobId = twoOfFiveBatchesApplied(prefix);

        JsonHttp.Response cancelled = http.post("/api/imports/" + jobId + "/cancel", null, null);
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLING");
        deferBatches(jobId, 2, "now()");

        JsonNode progress = awaitStatus(jobId, "CANCELLED"::equals).path("progress");
        assertThat(progress.path("created").asLong()).isEqualTo(200);
        assertThat(progress.path("processed_rows").asLong()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE tenant = 'acme' AND customer_ref LIKE :prefix")
                .param("prefix", prefix + "%").query(Long.class).single()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT seq || ':' || status FROM import_batches WHERE job_id = :id ORDER BY seq")
                .param("id", UUID.fromString(jobId)).query(String.class).list())
                .containsExactly("0:DONE", "1:DONE", "2:SKIPPED", "3:SKIPPED", "4:SKIPPED");
        assertThat(cancelledEvent(jobId)).isEqualTo(finalCounts(jobId, 450L, 200, 200));
    }

    @Test
    void anAtomicImportCannotBeCancelledWhileItsRowsAreApplied() {
        awaitStatus(started("customers", "customer_ref,name\nAT-C1,Ann\n", "COMMIT"), "COMPLETED"::equals);
        awaitStatus(started("products", "sku,name,category\nAT-S1,Tea,Drinks\n", "COMMIT"), "COMPLETED"::equals);
        OutboxRelay relay = stack.relay().getBean(OutboxRelay.class);
        String jobId;
        JsonHttp.Response refused;
        try {
            jobId = applyingWithBatchesHeld("purchases", "transaction_ref,purchased_at,customer_ref,sku,quantity,"
                    + "unit_price\nAT-T1,2026-01-02 10:00:00,AT-C1,AT-S1,2,1.50\n", Map.of());
            refused = http.post("/api/imports/" + jobId + "/cancel", null, null);
        } finally {
            relay.start();
        }

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString())
                .isEqualTo("cannot cancel (it is atomic and its rows are being applied) an import that is APPLYING");
        JsonNode done = awaitStatus(jobId, "COMPLETED"::equals).path("progress");
        assertThat(done.path("created").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM purchases WHERE tenant = 'acme' AND transaction_ref = 'AT-T1'")
                .query(Long.class).single()).isEqualTo(1);
    }

    /**
     * How many of {@code jobId}'s messages the worker took and set aside because the job is paused (distinct
     * batches, or 1 for its start), read from what it logs about them. Not the work queue's own counts: the
     * queue is shared, and another test's delayed retry could keep it from ever reading empty.
     */
    private static long setAsideWhilePaused(String jobId) {
        return PAUSE_LOG.stream().filter(line -> line.contains("job " + jobId + " ")).distinct().count();
    }

    /** Attached once the stack runs: starting a Spring context resets the logging and drops earlier appenders. */
    private static void recordWhatTheWorkerSetsAsideWhilePaused() {
        PAUSE_APPENDER.start();
        for (String handler : PAUSE_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(handler);
            logger.setLevel(Level.INFO);
            logger.addAppender(PAUSE_APPENDER);
        }
    }

    private static List<String> batchStatuses(String jobId) {
        return jdbc.sql("SELECT seq || ':' || status FROM import_batches WHERE job_id = :id ORDER BY seq")
                .param("id", UUID.fromString(jobId)).query(String.class).list();
    }

    private static com.bulkimport.cli.BulkImportCliDriver.Result cli(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--api", stack.apiUrl()));
        return com.bulkimport.cli.BulkImportCliDriver.run(all.toArray(String[]::new));
    }

    /**
     * Paused from the CLI after two of five batches: the batches the relay delivers meanwhile are taken by the
     * worker and left pending; resumed from the CLI, the job completes with every row applied once.
     */
    @Test
    void anImportPausedWhileApplyingAppliesNothingMoreUntilResumed() {
        String prefix = "PZ" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String jobId = twoOfFiveBatchesApplied(prefix);

        var paused = cli("pause", jobId);

        assertThat(paused.exitCode()).as(paused.stderr()).isZero();
        assertThat(paused.stdout()).startsWith(jobId + " PAUSED: 450 rows — 200 created");
        deferBatches(jobId, 2, "now()");
        awaitTrue(() -> jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid = :id"
                + " AND type = 'IMPORT_BATCH_READY' AND status <> 'PUBLISHED'").param("id", jobId)
                .query(Long.class).single() == 0, "every batch of " + jobId + " published");
        awaitTrue(() -> setAsideWhilePaused(jobId) == 3, "the worker took batches 2 to 4 and left them pending");
        assertThat(http.get("/api/imports/" + jobId).json().path("status").asString()).isEqualTo("PAUSED");
        assertThat(batchStatuses(jobId)).containsExactly("0:DONE", "1:DONE", "2:PENDING", "3:PENDING", "4:PENDING");
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE tenant = 'acme' AND customer_ref LIKE :prefix")
                .param("prefix", prefix + "%").query(Long.class).single()).isEqualTo(200);

        var resumed = cli("resume", jobId);

        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(resumed.stdout()).startsWith(jobId + " APPLYING: ");
        JsonNode done = awaitStatus(jobId, "COMPLETED"::equals).path("progress");
        assertThat(done.path("created").asLong()).isEqualTo(450);
        assertThat(done.path("processed_rows").asLong()).isEqualTo(450);
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE tenant = 'acme' AND customer_ref LIKE :prefix")
                .param("prefix", prefix + "%").query(Long.class).single()).isEqualTo(450);
        assertThat(batchStatuses(jobId)).containsExactly("0:DONE", "1:DONE", "2:DONE", "3:DONE", "4:DONE");

        var again = cli("resume", jobId);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).isEqualTo("error: Not possible in the import's current state: cannot resume an"
                + " import that is COMPLETED" + System.lineSeparator());
    }

    @Test
    void anImportPausedBeforeAnyWorkerTookItIsCancelledFromTheCli() {
        SqsWorkConsumer consumer = stack.worker().getBean(SqsWorkConsumer.class);
        consumer.stop();
        String jobId;
        try {
            jobId = started("customers", "customer_ref,name\nPC1,Ann\n", "COMMIT");
            var paused = cli("pause", jobId, "--json");
            assertThat(paused.exitCode()).as(paused.stderr()).isZero();
            assertThat(paused.json().path("status").asString()).isEqualTo("PAUSED");
        } finally {
            consumer.start();
        }
        String id = jobId;
        awaitTrue(() -> jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid = :id"
                + " AND type = 'IMPORT_JOB_STARTED' AND status = 'PUBLISHED'").param("id", id)
                .query(Long.class).single() == 1, "the start of " + id + " published");
        awaitTrue(() -> setAsideWhilePaused(id) == 1, "the worker took the start and left it waiting");
        assertThat(jdbc.sql("SELECT ingest_row FROM import_jobs WHERE id = :id").param("id", UUID.fromString(id))
                .query(Long.class).single()).as("nothing read while paused").isZero();

        var cancelled = cli("cancel", jobId);

        assertThat(cancelled.exitCode()).as(cancelled.stderr()).isZero();
        assertThat(cancelled.stdout()).startsWith(jobId + " CANCELLED: ");
        assertThat(cancelledEvent(jobId)).isEqualTo(finalCounts(jobId, null, 0, 0));
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE tenant = 'acme' AND customer_ref = 'PC1'")
                .query(Long.class).single()).isZero();
    }

    /**
     * What the end-of-job event of one of alice's customer imports carries (nothing updated, no
     * duplicates, no errors). @param total null for a job that never read its file
     */
    private static Map<String, Object> finalCounts(String jobId, Long total, long processed, long created) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("job_id", jobId);
        payload.put("kind", "customers");
        payload.put("tenant", "acme");
        payload.put("owner", jdbc.sql("SELECT owner FROM import_jobs WHERE id = :id").param("id", UUID.fromString(jobId))
                .query(String.class).single());
        if (total != null) {
            payload.put("total_rows", total);
        }
        payload.put("processed_rows", processed);
        payload.put("created", created);
        payload.put("updated", 0L);
        payload.put("unchanged", 0L);
        payload.put("duplicates", 0L);
        payload.put("errors", 0L);
        return payload;
    }

    /** The job's one IMPORT_JOB_CANCELLED payload, numbers as longs. */
    private static Map<String, Object> cancelledEvent(String jobId) {
        List<String> events = jdbc.sql("SELECT payload::text FROM outbox_events WHERE aggregateid = :id"
                + " AND type = 'IMPORT_JOB_CANCELLED'").param("id", jobId).query(String.class).list();
        assertThat(events).hasSize(1);
        EventEnvelope event = EventCodec.decode(events.get(0));
        assertThat(event.status()).isEqualTo("CANCELLED");
        Map<String, Object> payload = new java.util.LinkedHashMap<>(event.payload());
        payload.replaceAll((key, value) -> value instanceof Number number ? number.longValue() : value);
        return payload;
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
