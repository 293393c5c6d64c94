package com.bulkimport.worker;

import com.bulkimport.model.event.EventEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.File;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers killed with SIGKILL at random moments while a 200,000-row import runs (ingest and apply):
 * the next worker picks the work up from the queue and the checkpoints, and the result is exactly
 * that of an undisturbed run. Kills per import: {@code -Dcrash.kills} (default 10); two imports.
 */
class WorkerCrashIntegrationTest extends WorkerIntegrationTest {

    private static final int ROWS = 200_000;
    private static final Map<String, String> FAST_RECOVERY = Map.of(
            "bulkimport.worker.visibility-timeout", "3s", "bulkimport.worker.wait-time", "1s",
            "bulkimport.worker.retry-backoff", "1s", "bulkimport.worker.concurrency", "2",
            "bulkimport.ingest.lease", "3s", "bulkimport.ingest.chunk-size", "512KB",
            "bulkimport.sweeper.enabled", "false");

    private final AtomicBoolean relaying = new AtomicBoolean(true);
    private Thread relay;
    private final SqsClient sqs = INFRA.sqs().client();

    /** Plays the outbox relay for work events: this test has no relay running. */
    @BeforeEach
    void startRelay() {
        sqs.purgeQueue(b -> b.queueUrl(INFRA.workQueueUrl()));
        relay = new Thread(() -> {
            while (relaying.get()) {
                List<Map<String, Object>> pending = jdbc.sql("""
                        SELECT id, payload::text AS payload FROM outbox_events WHERE status = 'PENDING'
                          AND type IN ('IMPORT_JOB_STARTED', 'IMPORT_BATCH_READY') ORDER BY created_at LIMIT 50""")
                        .query().listOfRows();
                for (Map<String, Object> event : pending) {
                    sqs.sendMessage(b -> b.queueUrl(INFRA.workQueueUrl()).messageBody((String) event.get("payload")));
                    jdbc.sql("UPDATE outbox_events SET status = 'PUBLISHED', published_at = now() WHERE id = :id")
                            .param("id", event.get("id")).update();
                }
                try {
                    Thread.sleep(pending.isEmpty() ? 100 : 0);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "test-relay");
        relay.setDaemon(true);
        relay.start();
    }

    @AfterEach
    void stopRelay() throws InterruptedException {
        relaying.set(false);
        relay.join(5_000);
    }

    private static String customers(int seed) {
        StringBuilder csv = new StringBuilder("customer_ref,name,email,country\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("W").append(seed).append('-').append(i).append(",\"Customer ").append(i).append(", ")
                    .append(seed).append("\",").append(i % 1_000 == 0 ? "not-an-email" : "c" + i + "@example.com")
                    .append(",PT\n");
        }
        return csv.toString();
    }

    /** What the customers table must hold, computed from the generator, not from the importer. */
    private static String expectedDigest(int seed) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        List<Integer> kept = new java.util.ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            if (i % 1_000 != 0) {
                kept.add(i);
            }
        }
        List<String> lines = kept.stream().map(i -> "W" + seed + "-" + i + "|Customer " + i + ", " + seed + "|c" + i
                + "@example.com").sorted().toList();
        md5.update(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, md5.digest()));
    }

    private String actualDigest(int seed) {
        return jdbc.sql("SELECT md5(string_agg(customer_ref || '|' || name || '|' || email, E'\\n' ORDER BY"
                        + " customer_ref || '|' || name || '|' || email COLLATE \"C\")) FROM customers"
                        + " WHERE tenant = :t AND customer_ref LIKE :prefix")
                .param("t", tenant).param("prefix", "W" + seed + "-%").query(String.class).single();
    }

    private int crashRun(int seed, int kills, Random random, File log) throws Exception {
        UUID jobId = pendingJob("customers", utf8(customers(seed)), "{\"batch_size\": 2000}", "COMMIT");
        EventEnvelope started = startedEvent(jobId);
        jdbc.sql("INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload)"
                        + " VALUES (:id, 'import_job', :job, 'IMPORT_JOB_STARTED', :payload::jsonb)")
                .param("id", started.eventId()).param("job", jobId.toString())
                .param("payload", com.bulkimport.model.event.EventCodec.encode(started)).update();
        int killed = 0;
        ChildWorker worker = ChildWorker.start(INFRA, FAST_RECOVERY, log);
        while (killed < kills && !finished(jobId)) {
            Thread.sleep(200 + random.nextInt(2_500));
            worker.kill();
            killed++;
            worker = ChildWorker.start(INFRA, FAST_RECOVERY, log);
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (!finished(jobId) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        worker.kill();
        assertThat(counts(jobId)).as("after %d kills", killed)
                .containsExactly((long) ROWS - ROWS / 1_000, 0L, 0L, 0L, (long) ROWS / 1_000, (long) ROWS,
                        "COMPLETED_WITH_ERRORS");
        assertThat(actualDigest(seed)).isEqualTo(expectedDigest(seed));
        assertThat(jdbc.sql("SELECT count(*) FROM import_row_errors WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single()).isEqualTo(ROWS / 1_000);
        assertThat(stagedRows(jobId, "customers")).isZero();
        return killed;
    }

    private boolean finished(UUID jobId) {
        String status = (String) job(jobId).get("status");
        return status.startsWith("COMPLETED") || status.equals("FAILED");
    }

    @Test
    void killedWorkersLoseNothingAndDoubleNothing() throws Exception {
        int killsPerRun = Integer.getInteger("crash.kills", 10);
        Random random = new Random(Long.getLong("crash.seed", 20261123L));
        File log = File.createTempFile("crash-workers-", ".log");
        int killed = crashRun(1, killsPerRun, random, log) + crashRun(2, killsPerRun, random, log);
        assertThat(killed).isGreaterThanOrEqualTo(2 * Math.min(killsPerRun, 5));
        System.out.println("{\"kills\":" + killed + ",\"rows_per_run\":" + ROWS + "}");
    }
}
