package com.bulkimport.worker.deadletter;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.queue.SqsWorkConsumer;
import com.bulkimport.worker.sweeper.StuckWorkSweeper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import com.bulkimport.local.embedded.LocalInfra;
import software.amazon.awssdk.core.sync.RequestBody;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work that keeps failing goes to the DLQ and fails its job, and counts as an open dead letter until it is
 * redriven; work nothing does any more is sent again.
 */
@TestPropertySource(properties = {"bulkimport.worker.retry-backoff=0s", "bulkimport.sweeper.enabled=false",
        "bulkimport.sweeper.max-requeues=2", "bulkimport.metrics.backlog-interval=200ms"})
class DeadLetterAndSweeperIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    SqsWorkConsumer consumer;
    @Autowired
    DeadLetterConsumer deadLetters;
    @Autowired
    StuckWorkSweeper sweeper;
    @Autowired
    Environment environment;

    private final SqsClient sqs = INFRA.sqs().client();

    private List<Message> receive(String queue) {
        return sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1).maxNumberOfMessages(1)
                .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL))
                .messages();
    }

    private long openInTable() {
        return jdbc.sql("SELECT count(*) FROM dead_letters WHERE redriven_at IS NULL").query(Long.class).single();
    }

    /** {@code bulkimport_dead_letters_open} as /actuator/prometheus shows it, once it reads {@code expected}. */
    private double awaitScrapedOpenDeadLetters(long expected) throws InterruptedException {
        JsonHttp worker = new JsonHttp("http://127.0.0.1:" + environment.getProperty("local.management.port"));
        double scraped = -1;
        for (int i = 0; i < 100 && scraped != expected; i++) {
            if (i > 0) {
                Thread.sleep(100);
            }
            scraped = worker.get("/actuator/prometheus").body().lines()
                    .filter(line -> line.startsWith("bulkimport_dead_letters_open "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                    .findFirst().orElse(-1);
        }
        return scraped;
    }

    private void poison(boolean on) {
        if (on) {
            jdbc.sql("""
                    CREATE OR REPLACE FUNCTION test_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF NEW.sku = 'POISON' THEN RAISE EXCEPTION 'poisoned product refused by test'; END IF;
                      RETURN NEW;
                    END $$""").update();
            jdbc.sql("CREATE TRIGGER test_poison BEFORE INSERT ON products FOR EACH ROW EXECUTE FUNCTION test_poison()")
                    .update();
        } else {
            jdbc.sql("DROP TRIGGER IF EXISTS test_poison ON products").update();
        }
    }

    @Test
    void aBatchThatArrivesWhileItsJobIsFailedWaitsAndTheRedriveSendsItAgain() {
        sqs.purgeQueue(b -> b.queueUrl(INFRA.workQueueUrl()));
        sqs.purgeQueue(b -> b.queueUrl(INFRA.workDeadLetterQueueUrl()));
        StringBuilder csv = new StringBuilder("sku,name,category\n");
        for (int i = 0; i < 300; i++) {
            csv.append(i == 150 ? "POISON" : "HELD-" + i).append(",Item ").append(i).append(",Cat\n");
        }
        UUID jobId = pendingJob("products", utf8(csv.toString()), "{\"batch_size\": 100}", "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));
        List<EventEnvelope> batches = outboxEvents(jobId, EventType.IMPORT_BATCH_READY);
        assertThat(batches).hasSize(3);
        dispatcher.dispatch(batches.get(0));
        poison(true);
        try {
            sqs.sendMessage(b -> b.queueUrl(INFRA.workQueueUrl()).messageBody(EventCodec.encode(batches.get(1))));
            for (int i = 0; i < 10; i++) {
                List<Message> messages = receive(INFRA.workQueueUrl());
                if (messages.isEmpty()) {
                    break;
                }
                consumer.process(messages.get(0));
            }
            assertThat(deadLetters.drainOnce(2)).isEqualTo(1);
        } finally {
            poison(false);
        }
        assertThat(job(jobId)).containsEntry("status", "FAILED");
        // the event tells what the job did before it failed: the first batch of 100, no more
        Map<String, Object> failed = finalCounts(jobId, "products", 300L, 100, 100, 0, 0, 0, 0);
        failed.put("failure_code", "BATCH_FAILED");
        failed.put("failure_reason", "batch 1 failed after 5 attempts: database refused the batch: poisoned product"
                + " refused by test (retry the import once the cause is fixed)");
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_FAILED)).isEqualTo(failed);
        assertThat(job(jobId)).containsEntry("failure_reason", failed.get("failure_reason"));

        // the third batch's message comes while the job is failed: it must neither apply nor be spent
        dispatcher.dispatch(batches.get(2));

        assertThat(jdbc.sql("SELECT seq || ':' || status FROM import_batches WHERE job_id = :id ORDER BY seq")
                .param("id", jobId).query(String.class).list()).containsExactly("0:DONE", "1:FAILED", "2:PENDING");
        assertThat(jdbc.sql("SELECT count(*) FROM inbox_messages WHERE event_id = :e").param("e", batches.get(2).eventId())
                .query(Long.class).single()).isZero();

        JsonHttp admin = new JsonHttp("http://127.0.0.1:" + environment.getProperty("local.server.port"));
        String letterId = null;
        for (var letter : admin.get("/admin/dead-letters").json()) {
            if (jobId.toString().equals(letter.path("job_id").asString())) {
                letterId = letter.path("id").asString();
            }
        }
        assertThat(admin.post("/admin/dead-letters/" + letterId + "/redrive", null, null).status()).isEqualTo(200);
        List<EventEnvelope> resent = outboxEvents(jobId, EventType.IMPORT_BATCH_READY);
        assertThat(resent).hasSize(4);
        assertThat(resent.get(3).payloadText("batch_id")).isEqualTo(batches.get(2).payloadText("batch_id"));
        consumer.process(receive(INFRA.workQueueUrl()).get(0));
        dispatcher.dispatch(resent.get(3));

        assertThat(counts(jobId)).isEqualTo(new JobCounts(300L, 0L, 0L, 0L, 0L, 300L, "COMPLETED"));
    }

    @Test
    void aPoisonBatchEndsInTheDlqFailsItsJobAndCompletesWhenRedriven() throws InterruptedException {
        sqs.purgeQueue(b -> b.queueUrl(INFRA.workQueueUrl()));
        sqs.purgeQueue(b -> b.queueUrl(INFRA.workDeadLetterQueueUrl()));
        long open = openInTable();
        assertThat(awaitScrapedOpenDeadLetters(open)).isEqualTo(open);
        UUID jobId = pendingJob("products", utf8("sku,name,category\nOK1,Fine,Cat\nPOISON,Bad,Cat\n"), "{}", "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));
        EventEnvelope batch = outboxEvents(jobId, EventType.IMPORT_BATCH_READY).get(0);
        poison(true);
        try {
            sqs.sendMessage(b -> b.queueUrl(INFRA.workQueueUrl()).messageBody(EventCodec.encode(batch)));
            int deliveries = 0;
            for (int i = 0; i < 10; i++) {
                List<Message> messages = receive(INFRA.workQueueUrl());
                if (messages.isEmpty()) {
                    break;
                }
                deliveries++;
                consumer.process(messages.get(0));
            }
            assertThat(deliveries).as("ElasticMQ redrives after maxReceiveCount 5").isEqualTo(5);
            assertThat(deadLetters.drainOnce(2)).isEqualTo(1);
        } finally {
            poison(false);
        }
        // the DLQ is empty again at once; the dead letter stays open, and that is what the alerts read
        assertThat(receive(INFRA.workDeadLetterQueueUrl())).isEmpty();
        assertThat(openInTable()).isEqualTo(open + 1);
        assertThat(awaitScrapedOpenDeadLetters(open + 1)).isEqualTo(open + 1);

        Map<String, Object> failed = job(jobId);
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("failure_code", "BATCH_FAILED");
        assertThat((String) failed.get("failure_reason")).isEqualTo("batch 0 failed after 5 attempts: database"
                + " refused the batch: poisoned product refused by test (retry the import once the cause is fixed)");
        assertThat(jdbc.sql("SELECT status FROM import_batches WHERE job_id = :id").param("id", jobId)
                .query(String.class).single()).isEqualTo("FAILED");
        Map<String, Object> event = finalCounts(jobId, "products", 2L, 0, 0, 0, 0, 0, 0);
        event.put("failure_code", "BATCH_FAILED");
        event.put("failure_reason", failed.get("failure_reason"));
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_FAILED)).isEqualTo(event);

        JsonHttp admin = new JsonHttp("http://127.0.0.1:" + environment.getProperty("local.server.port"));
        JsonHttp.Response letters = admin.get("/admin/dead-letters");
        assertThat(letters.status()).isEqualTo(200);
        String letterId = null;
        for (var letter : letters.json()) {
            if (jobId.toString().equals(letter.path("job_id").asString())) {
                letterId = letter.path("id").asString();
                assertThat(letter.path("event_type").asString()).isEqualTo("IMPORT_BATCH_READY");
                assertThat(letter.path("receive_count").asInt()).isEqualTo(6);
            }
        }
        assertThat(letterId).isNotNull();

        JsonHttp.Response redriven = admin.post("/admin/dead-letters/" + letterId + "/redrive", null, null);
        assertThat(redriven.status()).isEqualTo(200);
        assertThat(admin.post("/admin/dead-letters/" + letterId + "/redrive", null, null).status()).isEqualTo(409);
        assertThat(awaitScrapedOpenDeadLetters(open)).as("redriven: no longer open").isEqualTo(open);
        assertThat(job(jobId)).containsEntry("status", "APPLYING");
        consumer.process(receive(INFRA.workQueueUrl()).get(0));

        assertThat(counts(jobId)).isEqualTo(new JobCounts(2L, 0L, 0L, 0L, 0L, 2L, "COMPLETED"));
    }

    @Test
    void aBatchWhoseMessageWasLostIsSentAgainThenTheJobFailsIfNothingHelps() {
        UUID jobId = pendingJob("customers", utf8("customer_ref,name\nC1,Ann\n"), "{}", "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));
        jdbc.sql("UPDATE import_jobs SET updated_at = now() - interval '1 hour' WHERE id = :id").param("id", jobId).update();

        StuckWorkSweeper.Sweep sweep = sweeper.sweep();

        assertThat(sweep.batchesResent()).isGreaterThanOrEqualTo(1);
        List<EventEnvelope> sent = outboxEvents(jobId, EventType.IMPORT_BATCH_READY);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).payload()).containsEntry("resent", true);
        assertThat(sent.get(1).payloadText("batch_id")).isEqualTo(sent.get(0).payloadText("batch_id"));
        dispatcher.dispatch(sent.get(1));
        assertThat(job(jobId)).containsEntry("status", "COMPLETED");

        UUID hopeless = pendingJob("customers", utf8("customer_ref,name\nC2,Bo\n"), "{}", "COMMIT");
        dispatcher.dispatch(startedEvent(hopeless));
        for (int sweepNo = 0; sweepNo < 3; sweepNo++) {
            jdbc.sql("UPDATE import_jobs SET updated_at = now() - interval '1 hour' WHERE id = :id")
                    .param("id", hopeless).update();
            sweeper.sweep();
        }
        assertThat(job(hopeless)).containsEntry("status", "FAILED").containsEntry("failure_code", "STUCK");
    }

    @Test
    void unconfirmedPreviewsAndNeverUploadedFilesExpire() {
        UUID preview = pendingJob("customers", utf8("customer_ref,name\nC1,Ann\n"), "{}", "DRY_RUN");
        dispatcher.dispatch(startedEvent(preview));
        assertThat(job(preview)).containsEntry("status", "PREVIEW_READY");
        jdbc.sql("UPDATE import_jobs SET updated_at = now() - interval '2 days' WHERE id = :id").param("id", preview).update();
        UUID neverUploaded = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO import_jobs (id, owner, tenant, kind, status, file_name, expires_at)
                VALUES (:id, 'tester', :tenant, 'customers', 'AWAITING_UPLOAD', 'x.csv', now() - interval '3 hours')""")
                .param("id", neverUploaded).param("tenant", tenant).update();

        sweeper.sweep();

        assertThat(job(preview)).containsEntry("status", "CANCELLED")
                .containsEntry("failure_reason", "the preview expired unconfirmed");
        assertThat(stagedRows(preview, "customers")).isZero();
        assertThat(onlyEvent(preview, EventType.IMPORT_JOB_CANCELLED))
                .isEqualTo(finalCounts(preview, "customers", 1L, 0, 0, 0, 0, 0, 0));
        assertThat(job(neverUploaded)).containsEntry("status", "FAILED").containsEntry("failure_code", "UPLOAD_EXPIRED");
        Map<String, Object> expired = finalCounts(neverUploaded, "customers", null, 0, 0, 0, 0, 0, 0);
        expired.put("failure_code", "UPLOAD_EXPIRED");
        expired.put("failure_reason", "the file was never uploaded and started before its upload URL expired;"
                + " create a new import");
        assertThat(onlyEvent(neverUploaded, EventType.IMPORT_JOB_FAILED)).isEqualTo(expired);
    }

    @Test
    void anExpiredMultipartUploadIsAbortedOnceItsJobFailed() {
        UUID job = UUID.randomUUID();
        String key = "imports/" + job + "/big.csv";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(LocalInfra.BUCKET).key(key)).uploadId();
        s3.uploadPart(b -> b.bucket(LocalInfra.BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromString("customer_ref,name\n"));
        jdbc.sql("""
                INSERT INTO import_jobs (id, owner, tenant, kind, status, file_name, file_size, object_key, expires_at,
                                         upload_id, upload_part_size)
                VALUES (:id, 'tester', :tenant, 'customers', 'AWAITING_UPLOAD', 'big.csv', 100000000, :key,
                        now() - interval '3 hours', :upload, 16777216)""")
                .param("id", job).param("tenant", tenant).param("key", key).param("upload", uploadId).update();

        sweeper.sweep();

        assertThat(job(job)).containsEntry("status", "FAILED").containsEntry("failure_code", "UPLOAD_EXPIRED");
        assertThat(s3.listMultipartUploads(b -> b.bucket(LocalInfra.BUCKET).prefix("imports/" + job + "/")).uploads())
                .isEmpty();
    }
}
