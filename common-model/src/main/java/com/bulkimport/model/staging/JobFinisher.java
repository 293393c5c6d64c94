package com.bulkimport.model.staging;

import com.bulkimport.model.JobStatus;
import com.bulkimport.model.JobTransitions;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.outbox.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Ends jobs, each with its event in the same transaction and the job's final counts in the event:
 * COMPLETED (or COMPLETED_WITH_ERRORS when any row was refused) once the ingest is over and the last
 * batch counted in; CANCELLED at that point when a cancel was asked for, or at once when nothing
 * runs; FAILED with a reason.
 */
public final class JobFinisher {

    private static final Logger log = LoggerFactory.getLogger(JobFinisher.class);

    private final JdbcClient jdbc;
    private final JobTransitions transitions;
    private final OutboxWriter outbox;
    private final String eventSource;

    public JobFinisher(JdbcClient jdbc, OutboxWriter outbox, String eventSource) {
        this.jdbc = jdbc;
        this.transitions = new JobTransitions(jdbc);
        this.outbox = outbox;
        this.eventSource = eventSource;
    }

    /**
     * Fails a job with a reason its owner can act on, and IMPORT_JOB_FAILED with its final counts.
     *
     * @param assignments more {@code column = :param} assignments (counters), or null
     * @return whether the job was live and is now FAILED
     */
    public boolean fail(JobRef job, String code, String reason, String assignments, Map<String, ?> params) {
        Map<String, Object> all = new HashMap<>();
        if (params != null) {
            all.putAll(params);
        }
        all.put("failureCode", code);
        all.put("failureReason", reason);
        if (!transitions.move(job.id(), JobStatus.FAILED, "failure_code = :failureCode, failure_reason = :failureReason,"
                + " completed_at = clock_timestamp()" + (assignments == null ? "" : ", " + assignments), all)) {
            return false;
        }
        Map<String, Object> payload = job.eventPayload();
        totals(job).addTo(payload, job.kind());
        payload.put("failure_code", code);
        payload.put("failure_reason", reason);
        outbox.appendForJob(job.id(), EventEnvelope.of(EventType.IMPORT_JOB_FAILED, eventSource, job.traceId(),
                JobStatus.FAILED.name(), payload));
        log.info("job {} FAILED ({}): {}", job.id(), code, reason);
        return true;
    }

    /**
     * Cancels a job that has nothing running (not uploaded, a preview nobody confirmed) at once, and
     * IMPORT_JOB_CANCELLED with its final counts.
     *
     * @param from        the statuses it may be cancelled from
     * @param assignments more {@code column = value} assignments, or null
     * @return whether the job was in one of {@code from} and is now CANCELLED
     */
    public boolean cancel(JobRef job, Set<JobStatus> from, String assignments) {
        if (!transitions.move(job.id(), from, JobStatus.CANCELLED, "completed_at = clock_timestamp()"
                + (assignments == null ? "" : ", " + assignments), null)) {
            return false;
        }
        cancelledEvent(job, totals(job));
        return true;
    }

    /** Reads the counters under the job row's lock, so exactly one transaction sees the end. */
    public boolean finishIfDone(JobRef job) {
        JobTotals totals = jdbc.sql("SELECT " + JobTotals.COLUMNS + " FROM import_jobs WHERE id = :id FOR UPDATE")
                .param("id", job.id())
                .query(JobTotals.ROW)
                .single();
        return finish(job, totals);
    }

    /** @param totals read under the job row's lock */
    public boolean finish(JobRef job, JobTotals totals) {
        if (!totals.allBatchesDone()) {
            return false;
        }
        if (totals.status() == JobStatus.CANCELLING) {
            return cancelled(job, totals);
        }
        JobStatus status = totals.errors() > 0 ? JobStatus.COMPLETED_WITH_ERRORS : JobStatus.COMPLETED;
        if (!transitions.move(job.id(), status, "completed_at = clock_timestamp()", null)) {
            return false;
        }
        Map<String, Object> payload = job.eventPayload();
        totals.addTo(payload, job.kind());
        outbox.appendForJob(job.id(), EventEnvelope.of(EventType.IMPORT_JOB_COMPLETED, eventSource, job.traceId(),
                status.name(), payload));
        log.info("job {} {}: {}", job.id(), status, payload);
        return true;
    }

    /** A cancelled job reports what was applied before it stopped. */
    private boolean cancelled(JobRef job, JobTotals totals) {
        if (!transitions.move(job.id(), JobStatus.CANCELLED, "completed_at = clock_timestamp()", null)) {
            return false;
        }
        cancelledEvent(job, totals);
        return true;
    }

    private void cancelledEvent(JobRef job, JobTotals totals) {
        Map<String, Object> payload = job.eventPayload();
        totals.addTo(payload, job.kind());
        outbox.appendForJob(job.id(), EventEnvelope.of(EventType.IMPORT_JOB_CANCELLED, eventSource, job.traceId(),
                JobStatus.CANCELLED.name(), payload));
        log.info("job {} CANCELLED after applying {}", job.id(), payload);
    }

    /** Read after the status change, whose row lock keeps every other writer of the counters out. */
    private JobTotals totals(JobRef job) {
        return jdbc.sql("SELECT " + JobTotals.COLUMNS + " FROM import_jobs WHERE id = :id")
                .param("id", job.id())
                .query(JobTotals.ROW)
                .single();
    }
}
