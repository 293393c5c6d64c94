package com.bulkimport.worker.sweeper;

import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.job.LostWork;
import com.bulkimport.model.JobStatus;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import com.bulkimport.worker.ingest.UploadBucket;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;

/**
 * Recovers work that nothing is doing any more. A job that made no progress for
 * {@code stuck-after} gets its pending batches (or its ingest) sent again, a few times, then fails
 * with the reason; an unconfirmed preview expires; a job whose upload never came fails, and its multipart
 * upload, if it had one, is aborted once that failure committed. Several
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
    private final JobLifecycle lifecycle;
    private final LostWork lostWork;
    private final TransactionTemplate tx;
    private final SweeperProperties properties;
    private final S3Client s3;
    private final String bucket;

    StuckWorkSweeper(JdbcClient jdbc, JobStore jobs, JobLifecycle lifecycle, LostWork lostWork, TransactionTemplate tx,
                     SweeperProperties properties, S3Client s3, UploadBucket upload) {
        this.s3 = s3;
        this.bucket = upload.bucket();
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.lostWork = lostWork;
        this.tx = tx;
        this.properties = properties;
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

    /** A multipart upload whose job failed UPLOAD_EXPIRED in this sweep. */
    private record Abandoned(UUID jobId, String objectKey, String uploadId) {
    }

    public Sweep sweep() {
        List<Abandoned> abandoned = new ArrayList<>();
        Sweep result = tx.execute(status -> {
            Boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", SWEEP_LOCK)
                    .query(Boolean.class).single();
            if (!Boolean.TRUE.equals(mine)) {
                return new Sweep(0, 0, 0, 0, 0);
            }
            int[] failed = {0};
            int batches = resendStuckBatches(failed);
            int ingests = resendStuckIngests(failed);
            return new Sweep(batches, ingests, failed[0], expirePreviews(), expireUploads(abandoned));
        });
        // after the commit: an abort before it would leave a job whose expiry rolled back without its upload
        abandoned.forEach(this::abort);
        return result;
    }

    /** Best effort: the bucket's AbortIncompleteMultipartUpload rule removes what a failed abort leaves. */
    private void abort(Abandoned upload) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.objectKey()).uploadId(upload.uploadId()));
        } catch (NoSuchUploadException e) {
            // completed or aborted before
        } catch (RuntimeException e) {
            log.warn("import {}: aborting its expired multipart upload failed ({}); the bucket's lifecycle rule"
                    + " removes the parts", upload.jobId(), e.toString());
        }
    }

    /**
     * Jobs in {@code statuses} that made no progress for {@code stuck-after}. Never PAUSED ones: a paused job makes
     * no progress on purpose, its messages were consumed on purpose, and sending its work again would undo the
     * pause (nor may it fail STUCK: it waits for its owner, for as long as they like).
     */
    private List<Map<String, Object>> stuckJobs(Set<JobStatus> statuses) {
        return stuckJobs(statuses, "");
    }

    /** @param andAlso a further condition on the job ({@code j}) */
    private List<Map<String, Object>> stuckJobs(Set<JobStatus> statuses, String andAlso) {
        return jdbc.sql("SELECT id, requeued FROM import_jobs j WHERE status IN (:statuses)"
                        + " AND updated_at < now() - make_interval(secs => :stuck)" + andAlso
                        + " ORDER BY updated_at LIMIT 100 FOR UPDATE OF j SKIP LOCKED")
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .param("stuck", properties.stuckAfter().toSeconds()).query().listOfRows();
    }

    private int resendStuckBatches(int[] failed) {
        int resent = 0;
        for (Map<String, Object> row : stuckJobs(EnumSet.of(JobStatus.APPLYING, JobStatus.CANCELLING))) {
            WorkerJob job = jobs.find((UUID) row.get("id")).orElseThrow();
            if (((Number) row.get("requeued")).intValue() >= properties.maxRequeues()) {
                lifecycle.fail(job.ref(), "STUCK", "no progress after its pending batches were sent "
                        + properties.maxRequeues() + " more times; retry the import");
                failed[0]++;
                continue;
            }
            int pending = lostWork.resendPendingBatches(job.ref());
            resent += pending;
            bump(job.id());
            if (job.stillReading()) {
                // its file is still being read beside the apply (or a cancel waits for the read to stop): the read
                // is lost work too (its lease ran out long ago, since a committed chunk would have counted as progress)
                lostWork.resendIngest(job.ref(), job.objectKey(), job.status());
            }
            if (pending == 0) {
                // every batch is in, but the job never finished (its last transaction was lost)
                lifecycle.finishIfDone(job.ref());
            }
        }
        return resent;
    }

    private int resendStuckIngests(int[] failed) {
        int resent = 0;
        // a job waiting for its tenant's ingest slot (IngestSlots) is not stuck while the tenant reads a file:
        // that ingest passes the slot on when it ends
        for (Map<String, Object> row : stuckJobs(EnumSet.of(JobStatus.PENDING, JobStatus.INGESTING),
                " AND NOT (j.ingest_waiting AND EXISTS (SELECT 1 FROM import_jobs o WHERE o.tenant = j.tenant"
                        + " AND o.status = 'INGESTING'))")) {
            WorkerJob job = jobs.find((UUID) row.get("id")).orElseThrow();
            if (((Number) row.get("requeued")).intValue() >= properties.maxRequeues()) {
                lifecycle.fail(job.ref(), "STUCK", "the file was not read after being sent "
                        + properties.maxRequeues() + " more times; retry the import");
                failed[0]++;
                continue;
            }
            lostWork.resendIngest(job.ref(), job.objectKey(), job.status());
            bump(job.id());
            resent++;
        }
        return resent;
    }

    private int expirePreviews() {
        List<Map<String, Object>> expired = jdbc.sql("SELECT id FROM import_jobs WHERE status = :preview"
                        + " AND updated_at < now() - make_interval(secs => :age) LIMIT 100 FOR UPDATE SKIP LOCKED")
                .param("preview", JobStatus.PREVIEW_READY.name())
                .param("age", properties.previewExpiry().toSeconds()).query().listOfRows();
        for (Map<String, Object> row : expired) {
            lifecycle.expirePreview(jobs.find((UUID) row.get("id")).orElseThrow().ref());
        }
        return expired.size();
    }

    private int expireUploads(List<Abandoned> abandoned) {
        List<Map<String, Object>> expired = jdbc.sql("SELECT id, object_key, upload_id FROM import_jobs"
                        + " WHERE status = :awaiting AND expires_at < now() - make_interval(secs => :grace)"
                        + " LIMIT 100 FOR UPDATE SKIP LOCKED")
                .param("awaiting", JobStatus.AWAITING_UPLOAD.name())
                .param("grace", properties.uploadGrace().toSeconds()).query().listOfRows();
        for (Map<String, Object> row : expired) {
            jobs.find((UUID) row.get("id")).ifPresent(job -> lifecycle.fail(job.ref(), "UPLOAD_EXPIRED",
                    "the file was never uploaded and started before its upload URL expired; create a new import"));
            if (row.get("upload_id") != null) {
                // a completed upload's object stays: retention removes it with the job
                abandoned.add(new Abandoned((UUID) row.get("id"), (String) row.get("object_key"),
                        (String) row.get("upload_id")));
            }
        }
        return expired.size();
    }

    private void bump(UUID jobId) {
        jdbc.sql("UPDATE import_jobs SET requeued = requeued + 1, updated_at = now() WHERE id = :id")
                .param("id", jobId).update();
    }
}
