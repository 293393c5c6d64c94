package com.bulkimport.worker.queue;

import com.bulkimport.worker.WorkerIntegrationTest;
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
 * Workers killed with SIGKILL at random points of an import (ingest and apply; 20,000 rows,
 * {@code -Dcrash.rows}): the next worker picks the work up from the queue and the checkpoints, and the result
 * is exactly that of an undisturbed run. The points are amounts of committed progress (rows checkpointed
 * by the ingest plus rows of applied batches), drawn from a seeded random below 90 % of the work, so every run gets all
 * its kills however fast the machine is. Kills per import: {@code -Dcrash.kills} (default 4), seed:
 * {@code -Dcrash.seed}; two imports. The last line printed is a JSON summary ({@code bench/crash}).
 */
class WorkerCrashIntegrationTest extends WorkerIntegrationTest {

    /** The suite runs 20,000 rows; {@code bench/crash} runs 200,000 ({@code -Dcrash.rows}). */
    private static final int ROWS = Integer.getInteger("crash.rows", 20_000);
    private static final int BATCH_SIZE = 2_000;
    /** Ingest checkpoints reach ROWS, then every batch counts BATCH_SIZE when applied. */
    private static final long WORK = ROWS + (long) Math.ceil((double) ROWS / BATCH_SIZE) * BATCH_SIZE;
    /** How often the test looks at the job's progress: the kill comes within this of its point. */
    private static final Duration POLL = Duration.ofMillis(20);
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

    /** What one run's kills hit. */
    private record Kills(int ingesting, int applying) {
        int total() {
            return ingesting + applying;
        }
    }

    /** {@code kills} distinct progress points, ascending, below 90 % of the work (the job cannot end before them). */
    private static List<Long> killPoints(Random random, int kills) {
        java.util.TreeSet<Long> points = new java.util.TreeSet<>();
        while (points.size() < kills) {
            points.add(1 + (long) (random.nextDouble() * (WORK * 0.9 - 1)));
        }
        return List.copyOf(points);
    }

    private Kills crashRun(int seed, int kills, Random random, KillableWorkers workers) throws Exception {
        UUID jobId = pendingJob("customers", utf8(customers(seed)), "{\"batch_size\": " + BATCH_SIZE + "}", "COMMIT");
        EventEnvelope started = startedEvent(jobId);
        jdbc.sql("INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload)"
                        + " VALUES (:id, 'import_job', :job, 'IMPORT_JOB_STARTED', :payload::jsonb)")
                .param("id", started.eventId()).param("job", jobId.toString())
                .param("payload", com.bulkimport.model.event.EventCodec.encode(started)).update();
        int ingesting = 0;
        int applying = 0;
        long lastKill = -1;
        for (long point : killPoints(random, kills)) {
            // past the point, and past the previous kill: the worker since then committed work of its own
            Progress reached = awaitProgress(jobId, Math.max(point, lastKill + 1));
            workers.killAndReplace();
            if (reached.status().equals("INGESTING")) {
                ingesting++;
            } else {
                applying++;
            }
            lastKill = reached.done();
            System.out.printf("kill %d at %d of %d (%s)%n", ingesting + applying, reached.done(), WORK,
                    reached.status());
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (!finished(jobId) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(counts(jobId)).as("after %d kills", ingesting + applying)
                .isEqualTo(new JobCounts((long) ROWS - ROWS / 1_000, 0L, 0L, 0L, (long) ROWS / 1_000, (long) ROWS,
                        "COMPLETED_WITH_ERRORS"));
        assertThat(actualDigest(seed)).isEqualTo(expectedDigest(seed));
        assertThat(jdbc.sql("SELECT count(*) FROM import_row_errors WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single()).isEqualTo(ROWS / 1_000);
        assertThat(stagedRows(jobId, "customers")).isZero();
        return new Kills(ingesting, applying);
    }

    /** Committed work of a job: rows its ingest checkpointed plus rows of the batches applied. */
    private record Progress(String status, long done) {
        boolean ended() {
            return status.startsWith("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
        }
    }

    private Progress progress(UUID jobId) {
        return jdbc.sql("SELECT status, ingest_row + batches_done::bigint * :batch FROM import_jobs WHERE id = :id")
                .param("batch", BATCH_SIZE).param("id", jobId)
                .query((rs, n) -> new Progress(rs.getString(1), rs.getLong(2))).single();
    }

    private Progress awaitProgress(UUID jobId, long point) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (true) {
            Progress now = progress(jobId);
            assertThat(now.ended()).as("job %s ended (%s) before kill point %d of %d", jobId, now.status(), point, WORK)
                    .isFalse();
            if (now.done() >= point) {
                return now;
            }
            assertThat(Instant.now()).as("job %s stuck at %d before kill point %d", jobId, now.done(), point)
                    .isBefore(deadline);
            Thread.sleep(POLL.toMillis());
        }
    }

    private boolean finished(UUID jobId) {
        String status = (String) job(jobId).get("status");
        return status.startsWith("COMPLETED") || status.equals("FAILED");
    }

    @Test
    void killedWorkersLoseNothingAndDoubleNothing() throws Exception {
        int killsPerRun = Integer.getInteger("crash.kills", 4);
        long seed = Long.getLong("crash.seed", 20261123L);
        Random random = new Random(seed);
        File log = File.createTempFile("crash-workers-", ".log");
        long started = System.nanoTime();
        Kills first;
        Kills second;
        try (KillableWorkers workers = KillableWorkers.start(INFRA, FAST_RECOVERY, log)) {
            first = crashRun(1, killsPerRun, random, workers);
            second = crashRun(2, killsPerRun, random, workers);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(first.total() + second.total()).isEqualTo(2 * killsPerRun);
        System.out.printf(java.util.Locale.ROOT, "{\"kills\":%d,\"kills_ingesting\":%d,\"kills_applying\":%d,"
                        + "\"rows\":%d,\"seconds\":%.1f,\"seed\":%d}%n", first.total() + second.total(),
                first.ingesting() + second.ingesting(), first.applying() + second.applying(), 2 * ROWS, seconds, seed);
    }
}
