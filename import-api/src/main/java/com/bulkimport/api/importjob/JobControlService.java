package com.bulkimport.api.importjob;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.JobTransitions;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.outbox.OutboxWriter;
import com.bulkimport.model.staging.JobFinisher;
import com.bulkimport.model.staging.JobRef;
import com.bulkimport.model.staging.StagingTable;
import com.bulkimport.model.ImportOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an owner (or admin) can do to a job after creating it: confirm a preview, cancel, retry.
 * Each is one transaction: the status change and the events it causes commit together, and an
 * action that does not fit the current status answers 409 with that status.
 */
@Service
class JobControlService {

    private static final Logger log = LoggerFactory.getLogger(JobControlService.class);
    private final ImportJobService jobs;
    private final JdbcClient jdbc;
    private final JobTransitions transitions;
    private final OutboxWriter outbox;
    private final JobFinisher finisher;
    private final TransactionTemplate tx;
    private final String eventSource;

    JobControlService(ImportJobService jobs, JdbcClient jdbc, OutboxWriter outbox, JobFinisher finisher,
                      TransactionTemplate tx, @Value("${bulkimport.events.source}") String eventSource) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.transitions = new JobTransitions(jdbc);
        this.outbox = outbox;
        this.finisher = finisher;
        this.tx = tx;
        this.eventSource = eventSource;
    }

    /** PREVIEW_READY → APPLYING: the staged batches are sent as they are, nothing is uploaded again. */
    ImportJob confirm(Caller caller, UUID id) {
        ImportJob job = jobs.find(caller, id);
        tx.executeWithoutResult(status -> {
            if (!transitions.move(id, EnumSet.of(JobStatus.PREVIEW_READY), JobStatus.APPLYING,
                    "apply_started_at = clock_timestamp(), apply_base_rows = processed_rows", null)) {
                throw new IllegalJobState("confirm", current(caller, id));
            }
            List<BatchRow> batches = pendingBatches(id, "PENDING");
            batches.forEach(batch -> publishBatch(job, batch));
            if (batches.isEmpty()) {
                finisher.finishIfDone(ref(job));
            }
        });
        log.info("import {} confirmed: its preview is applied", id);
        return jobs.find(caller, id);
    }

    /**
     * Nothing running: cancelled at once (a preview's staged rows are dropped). Running: CANCELLING,
     * and the worker stops at the next batch boundary. An atomic job that is being applied cannot be
     * stopped part-way: it would no longer be atomic.
     */
    ImportJob cancel(Caller caller, UUID id) {
        ImportJob job = jobs.find(caller, id);
        tx.executeWithoutResult(status -> {
            JobStatus now = lockedStatus(id);
            switch (now) {
                case AWAITING_UPLOAD, PREVIEW_READY -> cancelNow(job, now);
                case PENDING, INGESTING -> requestCancel(caller, id, now);
                case APPLYING -> {
                    if (atomic(id)) {
                        throw new IllegalJobState("cancel (it is atomic and its rows are being applied)", now);
                    }
                    requestCancel(caller, id, now);
                }
                case CANCELLING -> {
                    // already on its way: asking again changes nothing
                }
                default -> throw new IllegalJobState("cancel", now);
            }
        });
        log.info("import {} cancel requested", id);
        return jobs.find(caller, id);
    }

    /** FAILED → again: failed batches are sent again; a job that failed before its batches ingests again. */
    ImportJob retry(Caller caller, UUID id) {
        ImportJob job = jobs.find(caller, id);
        tx.executeWithoutResult(status -> {
            // the failed batches, and those that arrived while the job was failed and were left pending for this
            List<BatchRow> failed = unfinishedBatches(id);
            boolean moved;
            if (failed.isEmpty() && job.batchCount() == 0) {
                moved = transitions.move(id, EnumSet.of(JobStatus.FAILED), JobStatus.PENDING, """
                        failure_code = NULL, failure_reason = NULL, completed_at = NULL, attempt = attempt + 1""", null);
                if (moved) {
                    Map<String, Object> payload = ref(job).eventPayload();
                    payload.put("object_key", job.objectKey());
                    payload.put("retry", true);
                    outbox.appendForJob(id, EventEnvelope.of(EventType.IMPORT_JOB_STARTED, eventSource, job.traceId(),
                            JobStatus.PENDING.name(), payload));
                }
            } else {
                // the rate and ETA count from now, over the rows this attempt processes
                moved = transitions.move(id, EnumSet.of(JobStatus.FAILED), JobStatus.APPLYING, """
                        failure_code = NULL, failure_reason = NULL, completed_at = NULL, attempt = attempt + 1,
                        apply_started_at = clock_timestamp(), apply_base_rows = processed_rows""", null);
                if (moved) {
                    jdbc.sql("UPDATE import_batches SET status = 'PENDING', failed_at = NULL, updated_at = now()"
                            + " WHERE job_id = :id AND status = 'FAILED'").param("id", id).update();
                    failed.forEach(batch -> publishBatch(job, batch));
                    if (failed.isEmpty()) {
                        finisher.finishIfDone(ref(job));
                    }
                }
            }
            if (!moved) {
                throw new IllegalJobState("retry", current(caller, id));
            }
        });
        log.info("import {} retried", id);
        return jobs.find(caller, id);
    }

    private void cancelNow(ImportJob job, JobStatus from) {
        if (!finisher.cancel(ref(job), EnumSet.of(from), null)) {
            throw new IllegalJobState("cancel", from);
        }
        if (from == JobStatus.PREVIEW_READY) {
            jdbc.sql("DELETE FROM " + StagingTable.of(job.kind()).name() + " WHERE job_id = :id")
                    .param("id", job.id()).update();
            jdbc.sql("UPDATE import_batches SET status = 'SKIPPED', updated_at = now() WHERE job_id = :id"
                    + " AND status = 'PENDING'").param("id", job.id()).update();
        }
    }

    private void requestCancel(Caller caller, UUID id, JobStatus from) {
        if (!transitions.move(id, EnumSet.of(from), JobStatus.CANCELLING, null, null)) {
            throw new IllegalJobState("cancel", current(caller, id));
        }
    }

    private record BatchRow(UUID id, int seq, int rowCount) {
    }

    private List<BatchRow> unfinishedBatches(UUID jobId) {
        return jdbc.sql("SELECT id, seq, row_count FROM import_batches WHERE job_id = :id"
                        + " AND status IN ('FAILED', 'PENDING') ORDER BY seq")
                .param("id", jobId)
                .query((rs, n) -> new BatchRow(rs.getObject("id", UUID.class), rs.getInt("seq"), rs.getInt("row_count")))
                .list();
    }

    private List<BatchRow> pendingBatches(UUID jobId, String status) {
        return jdbc.sql("SELECT id, seq, row_count FROM import_batches WHERE job_id = :id"
                        + " AND status = :status ORDER BY seq")
                .param("id", jobId).param("status", status)
                .query((rs, n) -> new BatchRow(rs.getObject("id", UUID.class), rs.getInt("seq"), rs.getInt("row_count")))
                .list();
    }

    private void publishBatch(ImportJob job, BatchRow batch) {
        outbox.appendForJob(job.id(), ref(job).batchReady(eventSource, batch.id(), batch.seq(), batch.rowCount()));
    }

    private boolean atomic(UUID id) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT atomic FROM import_jobs WHERE id = :id").param("id", id)
                .query(Boolean.class).single());
    }

    /**
     * The status with the job's row locked until the transaction ends: the worker moves a job on by
     * itself (INGESTING → APPLYING), and a cancel decided on a status read just before that move
     * would be refused though the job is still cancellable.
     */
    private JobStatus lockedStatus(UUID id) {
        return JobStatus.valueOf(jdbc.sql("SELECT status FROM import_jobs WHERE id = :id FOR UPDATE")
                .param("id", id).query(String.class).single());
    }

    private JobStatus current(Caller caller, UUID id) {
        return jobs.find(caller, id).status();
    }

    private static JobRef ref(ImportJob job) {
        return new JobRef(job.id(), job.owner(), job.tenant(), job.kind(), job.mode(), job.traceId(),
                ImportOptions.fromJson(job.optionsJson()));
    }

}
