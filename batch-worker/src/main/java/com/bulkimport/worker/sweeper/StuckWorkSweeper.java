package com.bulkimport.worker.sweeper;

import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.outbox.OutboxWriter;
import com.bulkimport.model.staging.JobFinisher;
import com.bulkimport.model.staging.StagingTable;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Recovers work that nothing is doing any more. A job that made no progress for
 * {@code stuck-after} gets its pending batches (or its ingest) sent again, a few times, then fails
 * with the reason; an unconfirmed preview expires; a job whose upload never came fails. Several
 * workers may run this: an advisory lock lets one sweep at a time, and every change goes through
 * the job's status rules, so a late sweep cannot undo real progress.
 */
@Component
public class StuckWorkSweeper {

    private static final Logger log = LoggerFactory.getLogger(StuckWorkSweeper.class);
    /** Any number that is the same on every instance: the key of the sweep's advisory lock. */
    private static final long SWEEP_LOCK = 0x42_49_53_57_45_45_50L;

    private final JdbcClient jdbc;
    private final JobStore jobs;
    private final JobFinisher finisher;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final SweeperProperties properties;
    private final String eventSource;

    StuckWorkSweeper(JdbcClient jdbc, JobStore jobs, JobFinisher finisher, OutboxWriter outbox, TransactionTemplate tx,
                     SweeperProperties properties, @Value("${bulkimport.events.source}") String eventSource) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.finisher = finisher;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        this.eventSource = eventSource;
    }

    /** What one sweep did. */
    public record Sweep(int batchesResent, int ingestsResent, int jobsFailed, int previewsExpired, int uploadsExpired) {
    }

    @Scheduled(fixedDelayString = "${bulkimport.sweeper.interval}", initialDelayString = "${bulkimport.sweeper.interval}")
    void scheduled() {
        if (properties.enabled()) {
            try {
                Sweep sweep = sweep();
                if (!sweep.equals(new Sweep(0, 0, 0, 0, 0))) {
                    log.info("stuck-work sweep: {}", sweep);
                }
            } catch (RuntimeException e) {
                log.warn("stuck-work sweep failed: {}", e.toString());
            }
        }
    }

    public Sweep sweep() {
        Sweep result = tx.execute(status -> {
            Boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", SWEEP_LOCK)
                    .query(Boolean.class).single();
            if (!Boolean.TRUE.equals(mine)) {
                return new Sweep(0, 0, 0, 0, 0);
            }
            int[] failed = {0};
            int batches = resendStuckBatches(failed);
            int ingests = resendStuckIngests(failed);
            return new Sweep(batches, ingests, failed[0], expirePreviews(), expireUploads());
        });
        return result;
    }

    private List<Map<String, Object>> stuckJobs(String statuses) {
        return jdbc.sql("SELECT id, requeued FROM import_jobs WHERE status IN (" + statuses + ")"
                        + " AND updated_at < now() - make_interval(secs => :stuck) ORDER BY updated_at LIMIT 100"
                        + " FOR UPDATE SKIP LOCKED")
                .param("stuck", properties.stuckAfter().toSeconds()).query().listOfRows();
    }

    private int resendStuckBatches(int[] failed) {
        int resent = 0;
        for (Map<String, Object> row : stuckJobs("'APPLYING', 'CANCELLING'")) {
            WorkerJob job = jobs.find((UUID) row.get("id")).orElseThrow();
            if (((Number) row.get("requeued")).intValue() >= properties.maxRequeues()) {
                finisher.fail(job.ref(), "STUCK", "no progress after its pending batches were sent "
                        + properties.maxRequeues() + " more times; retry the import", null, null);
                failed[0]++;
                continue;
            }
            List<Map<String, Object>> pending = jdbc.sql("SELECT id, seq, row_count FROM import_batches"
                    + " WHERE job_id = :job AND status = 'PENDING' ORDER BY seq").param("job", job.id()).query().listOfRows();
            for (Map<String, Object> batch : pending) {
                outbox.appendForJob(job.id(), job.ref().batchReady(eventSource, (UUID) batch.get("id"),
                        ((Number) batch.get("seq")).intValue(), ((Number) batch.get("row_count")).intValue(), true));
                resent++;
            }
            jdbc.sql("UPDATE import_batches SET requeued = requeued + 1 WHERE job_id = :job AND status = 'PENDING'")
                    .param("job", job.id()).update();
            bump(job.id());
            if (pending.isEmpty()) {
                // every batch is in, but the job never finished (its last transaction was lost)
                finisher.finishIfDone(job.ref());
            }
        }
        return resent;
    }

    private int resendStuckIngests(int[] failed) {
        int resent = 0;
        for (Map<String, Object> row : stuckJobs("'PENDING', 'INGESTING'")) {
            WorkerJob job = jobs.find((UUID) row.get("id")).orElseThrow();
            if (((Number) row.get("requeued")).intValue() >= properties.maxRequeues()) {
                finisher.fail(job.ref(), "STUCK", "the file was not read after being sent "
                        + properties.maxRequeues() + " more times; retry the import", null, null);
                failed[0]++;
                continue;
            }
            Map<String, Object> payload = job.ref().eventPayload();
            payload.put("object_key", job.objectKey());
            payload.put("resent", true);
            outbox.appendForJob(job.id(), EventEnvelope.of(EventType.IMPORT_JOB_STARTED, eventSource, job.traceId(),
                    job.status().name(), payload));
            bump(job.id());
            resent++;
        }
        return resent;
    }

    private int expirePreviews() {
        List<Map<String, Object>> expired = jdbc.sql("SELECT id FROM import_jobs WHERE status = 'PREVIEW_READY'"
                        + " AND updated_at < now() - make_interval(secs => :age) LIMIT 100 FOR UPDATE SKIP LOCKED")
                .param("age", properties.previewExpiry().toSeconds()).query().listOfRows();
        for (Map<String, Object> row : expired) {
            WorkerJob job = jobs.find((UUID) row.get("id")).orElseThrow();
            if (finisher.cancel(job.ref(), EnumSet.of(JobStatus.PREVIEW_READY),
                    "failure_reason = 'the preview expired unconfirmed'")) {
                jdbc.sql("DELETE FROM " + StagingTable.of(job.kind()).name() + " WHERE job_id = :id")
                        .param("id", job.id()).update();
            }
        }
        return expired.size();
    }

    private int expireUploads() {
        List<Map<String, Object>> expired = jdbc.sql("SELECT id FROM import_jobs WHERE status = 'AWAITING_UPLOAD'"
                        + " AND expires_at < now() - make_interval(secs => :grace) LIMIT 100 FOR UPDATE SKIP LOCKED")
                .param("grace", properties.uploadGrace().toSeconds()).query().listOfRows();
        for (Map<String, Object> row : expired) {
            jobs.find((UUID) row.get("id")).ifPresent(job -> finisher.fail(job.ref(), "UPLOAD_EXPIRED",
                    "the file was never uploaded and started before its upload URL expired; create a new import",
                    null, null));
        }
        return expired.size();
    }

    private void bump(UUID jobId) {
        jdbc.sql("UPDATE import_jobs SET requeued = requeued + 1, updated_at = now() WHERE id = :id")
                .param("id", jobId).update();
    }
}
