package com.bulkimport.worker.retention;

import com.bulkimport.worker.ingest.UploadBucket;
import com.bulkimport.model.ImportKind;
import com.bulkimport.engine.staging.StagingTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Expires what finished imports leave behind, after {@link RetentionProperties}: the job row with its
 * batches and row errors (cascade), staging rows a failed job kept for a retry (and in-file keys a worker
 * that died left), and the uploaded file;
 * old inbox and dead-letter records; webhook deliveries (their attempts by cascade) and mails that ended
 * long enough ago, never a PENDING one; and the record history of old changes (no longer revertible). Domain rows stay: they are the import's result, not its trace.
 * Jobs go in small batches ({@code SKIP LOCKED}), so sweeps on several workers share the work and never
 * wait on a job someone is looking at.
 */
@Component
public class RetentionSweeper {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);
    private static final String FINISHED = "('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED')";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final S3Client s3;
    private final String bucket;
    private final RetentionProperties properties;

    RetentionSweeper(JdbcClient jdbc, TransactionTemplate tx, S3Client s3, UploadBucket upload,
                     RetentionProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.s3 = s3;
        this.bucket = upload.bucket();
        this.properties = properties;
    }

    /** What one sweep removed. */
    public record Sweep(int jobs, int uploads, int inboxRows, int deadLetters, int webhookDeliveries, int mails,
                        int historyRows) {
        static final Sweep NOTHING = new Sweep(0, 0, 0, 0, 0, 0, 0);
    }

    private record Expired(UUID id, ImportKind kind, String objectKey) {
    }

    @Scheduled(fixedDelayString = "${bulkimport.retention.interval:1h}", initialDelayString = "${bulkimport.retention.interval:1h}")
    void scheduled() {
        if (!properties.enabled()) {
            return;
        }
        try {
            Sweep sweep = sweep();
            if (!sweep.equals(Sweep.NOTHING)) {
                log.info("retention sweep: {}", sweep);
            }
        } catch (RuntimeException e) {
            log.warn("retention sweep failed: {}", e.toString());
        }
    }

    public Sweep sweep() {
        int jobs = 0;
        int uploads = 0;
        while (true) {
            List<Expired> expired = tx.execute(status -> expireJobs());
            if (expired == null || expired.isEmpty()) {
                break;
            }
            jobs += expired.size();
            uploads += deleteUploads(expired);
            if (expired.size() < properties.batchSize()) {
                break;
            }
        }
        int inbox = deleteOlderThan("inbox_messages", "processed_at", properties.inbox());
        int deadLetters = deleteOlderThan("dead_letters", "received_at", properties.deadLetters());
        // ended: created before the cutoff (the partial indexes' prefilter) and ended before it too (a redelivery
        // may have ended yesterday); the row lock re-checks the status of a row that is being redelivered
        int deliveries = deleteInBatches("""
                DELETE FROM webhook_deliveries WHERE id IN (
                    SELECT id FROM webhook_deliveries
                    WHERE status <> 'PENDING' AND created_at < now() - make_interval(secs => :age)
                      AND coalesce(delivered_at, last_attempt_at, created_at) < now() - make_interval(secs => :age)
                    LIMIT :limit FOR UPDATE SKIP LOCKED)""");
        int mails = deleteInBatches("""
                DELETE FROM email_notifications WHERE id IN (
                    SELECT id FROM email_notifications
                    WHERE status <> 'PENDING' AND created_at < now() - make_interval(secs => :age)
                      AND coalesce(sent_at, created_at) < now() - make_interval(secs => :age)
                    LIMIT :limit FOR UPDATE SKIP LOCKED)""");
        // a big import leaves a million rows: bounded statements (the changed_at index finds them), each its own
        // transaction; a revert reading them meanwhile finds fewer changes to undo, never a half of one
        int history = deleteInBatches("""
                DELETE FROM record_history WHERE id IN (
                    SELECT id FROM record_history WHERE changed_at < now() - make_interval(secs => :age)
                    LIMIT :limit FOR UPDATE SKIP LOCKED)""", properties.recordHistory());
        return new Sweep(jobs, uploads, inbox, deadLetters, deliveries, mails, history);
    }

    private int deleteInBatches(String sql) {
        return deleteInBatches(sql, properties.notifications());
    }

    /** One statement (its own transaction) per {@code batch-size} rows, until a statement deletes fewer. */
    private int deleteInBatches(String sql, Duration age) {
        int total = 0;
        while (true) {
            int deleted = jdbc.sql(sql).param("age", age.toSeconds())
                    .param("limit", properties.batchSize()).update();
            total += deleted;
            if (deleted < properties.batchSize()) {
                return total;
            }
        }
    }

    /** One transaction: a batch of expired jobs, their staging rows and (by cascade) batches and row errors. */
    private List<Expired> expireJobs() {
        List<Expired> expired = jdbc.sql("SELECT id, kind, object_key FROM import_jobs WHERE status IN " + FINISHED
                        + " AND coalesce(completed_at, updated_at, created_at) < now() - make_interval(secs => :age)"
                        + " ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("age", properties.finishedJobs().toSeconds()).param("limit", properties.batchSize())
                .query((rs, n) -> new Expired(rs.getObject("id", UUID.class),
                        ImportKind.fromWireName(rs.getString("kind")).orElseThrow(), rs.getString("object_key")))
                .list();
        if (expired.isEmpty()) {
            return expired;
        }
        for (ImportKind kind : expired.stream().map(Expired::kind).distinct().toList()) {
            UUID[] ids = expired.stream().filter(job -> job.kind() == kind).map(Expired::id).toArray(UUID[]::new);
            jdbc.sql("DELETE FROM " + StagingTable.of(kind).name() + " WHERE job_id = ANY (:ids)").param("ids", ids).update();
        }
        // a revert cancelled part-way leaves the items of the batches it skipped
        jdbc.sql("DELETE FROM revert_items WHERE job_id = ANY (:ids)")
                .param("ids", expired.stream().map(Expired::id).toArray(UUID[]::new)).update();
        // the in-file keys of a read beside its apply whose worker died before it forgot them
        jdbc.sql("DELETE FROM staging_keys WHERE job_id = ANY (:ids)")
                .param("ids", expired.stream().map(Expired::id).toArray(UUID[]::new)).update();
        jdbc.sql("DELETE FROM import_jobs WHERE id = ANY (:ids)")
                .param("ids", expired.stream().map(Expired::id).toArray(UUID[]::new)).update();
        return expired;
    }

    /** After the commit: a file whose job is gone is never read again; a failed delete is retried by the lifecycle. */
    private int deleteUploads(List<Expired> expired) {
        if (!properties.deleteUploads()) {
            return 0;
        }
        int deleted = 0;
        for (Expired job : expired) {
            if (job.objectKey() == null) {
                continue;
            }
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(job.objectKey()));
                deleted++;
            } catch (SdkException e) {
                log.warn("could not delete the upload of expired job {}: {}", job.id(), e.getMessage());
            }
        }
        return deleted;
    }

    private int deleteOlderThan(String table, String column, Duration age) {
        return jdbc.sql("DELETE FROM " + table + " WHERE " + column + " < now() - make_interval(secs => :age)")
                .param("age", age.toSeconds()).update();
    }
}
