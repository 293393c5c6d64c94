package com.bulkimport.worker.deadletter;

import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.staging.JobFinisher;
import com.bulkimport.worker.job.WorkerJob;
import com.bulkimport.worker.job.JobStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/**
 * What a dead-lettered message means for its job: the batch (or the ingest) gave up, so the job
 * fails with the last error as its reason, visible in the status, until someone retries or redrives.
 */
@Component
class WorkGaveUp {

    private final JdbcClient jdbc;
    private final JobStore jobs;
    private final JobFinisher finisher;

    WorkGaveUp(JdbcClient jdbc, JobStore jobs, JobFinisher finisher) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.finisher = finisher;
    }

    /**
     * An ingest whose checkpoint moved since its message last came here is not poison: its workers were
     * killed. It goes back to work (the caller re-sends the message) and the checkpoint is remembered.
     */
    private boolean progressed(UUID jobId) {
        return jdbc.sql("""
                        UPDATE import_jobs SET dead_letter_row = ingest_row
                        WHERE id = :id AND status = 'INGESTING' AND ingest_row > coalesce(dead_letter_row, 0)""")
                .param("id", jobId).update() == 1;
    }

    /** Whether a dead letter was sent back to work rather than failing its job. */
    static boolean resent(String reason) {
        return reason.endsWith("sent back to work");
    }

    /** @return the reason recorded */
    String apply(EventEnvelope event, Integer receiveCount) {
        UUID jobId = UUID.fromString(event.payloadText("job_id"));
        WorkerJob job = jobs.find(jobId).orElse(null);
        if (EventType.IMPORT_BATCH_READY.name().equals(event.eventType())) {
            UUID batchId = UUID.fromString(event.payloadText("batch_id"));
            Map<String, Object> batch = jdbc.sql("""
                            UPDATE import_batches SET status = 'FAILED', failed_at = now(), updated_at = now()
                            WHERE id = :id AND status = 'PENDING'
                            RETURNING seq, attempts, coalesce(last_error, 'no error recorded') AS error""")
                    .param("id", batchId).query().listOfRows().stream().findFirst().orElse(null);
            if (batch == null || job == null) {
                return "batch " + batchId + " was no longer pending";
            }
            String reason = "batch " + batch.get("seq") + " failed after " + batch.get("attempts") + " attempts: "
                    + batch.get("error")
                    + " (retry the import once the cause is fixed)";
            finisher.fail(job.ref(), "BATCH_FAILED", reason, null, null);
            return reason;
        }
        if (EventType.IMPORT_JOB_STARTED.name().equals(event.eventType()) && job != null && progressed(jobId)) {
            return "the ingest's workers died, but it had moved on since its last dead letter: sent back to work";
        }
        if (EventType.IMPORT_JOB_STARTED.name().equals(event.eventType()) && job != null) {
            String error = jdbc.sql("SELECT coalesce(last_error, 'no error recorded') FROM import_jobs WHERE id = :id")
                    .param("id", jobId).query(String.class).single();
            String reason = "the file could not be read into the import after " + (receiveCount == null ? "several"
                    : Integer.toString(receiveCount - 1)) + " attempts: " + error
                    + " (retry the import once the cause is fixed)";
            finisher.fail(job.ref(), "INGEST_FAILED", reason, null, null);
            return reason;
        }
        return "no job to fail for " + event.eventType();
    }
}
