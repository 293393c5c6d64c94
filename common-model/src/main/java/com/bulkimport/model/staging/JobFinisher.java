package com.bulkimport.model.staging;

import com.bulkimport.model.JobStatus;
import com.bulkimport.model.JobTransitions;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.outbox.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

/**
 * Finishes a job once its ingest is over and its last batch counted in: COMPLETED, or
 * COMPLETED_WITH_ERRORS when any row was refused, with IMPORT_JOB_COMPLETED in the same transaction.
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

    /** Reads the counters under the job row's lock, so exactly one transaction sees the end. */
    public boolean finishIfDone(JobRef job) {
        JobTotals totals = jdbc.sql("""
                        SELECT batches_done, batch_count, created_count, updated_count, unchanged_count,
                               duplicate_count, error_count, total_rows
                        FROM import_jobs WHERE id = :id FOR UPDATE""")
                .param("id", job.id())
                .query((rs, n) -> new JobTotals(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)))
                .single();
        return finish(job, totals);
    }

    /** @param totals read under the job row's lock */
    public boolean finish(JobRef job, JobTotals totals) {
        if (!totals.allBatchesDone()) {
            return false;
        }
        JobStatus status = totals.errors() > 0 ? JobStatus.COMPLETED_WITH_ERRORS : JobStatus.COMPLETED;
        if (!transitions.move(job.id(), status, "completed_at = clock_timestamp()", null)) {
            return false;
        }
        Map<String, Object> payload = job.eventPayload();
        payload.put("total_rows", totals.totalRows());
        payload.put("created", totals.created());
        payload.put("updated", totals.updated());
        payload.put("unchanged", totals.unchanged());
        payload.put("duplicates", totals.duplicates());
        payload.put("errors", totals.errors());
        outbox.appendForJob(job.id(), EventEnvelope.of(EventType.IMPORT_JOB_COMPLETED, eventSource, job.traceId(),
                status.name(), payload));
        log.info("job {} {}: {}", job.id(), status, payload);
        return true;
    }
}
