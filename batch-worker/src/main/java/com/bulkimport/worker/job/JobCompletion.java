package com.bulkimport.worker.job;

import com.bulkimport.model.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finishes a job once its last batch is counted in: COMPLETED, or COMPLETED_WITH_ERRORS when any
 * row was refused, with IMPORT_JOB_COMPLETED in the same transaction.
 */
@Component
public class JobCompletion {

    private static final Logger log = LoggerFactory.getLogger(JobCompletion.class);

    private final JdbcClient jdbc;
    private final JobStore jobs;
    private final JobOutcomes outcomes;

    JobCompletion(JdbcClient jdbc, JobStore jobs, JobOutcomes outcomes) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.outcomes = outcomes;
    }

    public void completeIfDone(WorkerJob job) {
        JobTotals totals = jdbc.sql("""
                        SELECT batches_done, batch_count, created_count, updated_count, unchanged_count,
                               duplicate_count, error_count, total_rows
                        FROM import_jobs WHERE id = :id FOR UPDATE""")
                .param("id", job.id())
                .query((rs, n) -> new JobTotals(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)))
                .single();
        complete(job, totals);
    }

    /** @param totals read under the job row's lock, so exactly one transaction sees the last batch */
    public void complete(WorkerJob job, JobTotals totals) {
        if (!totals.allBatchesDone()) {
            return;
        }
        JobStatus status = totals.errors() > 0 ? JobStatus.COMPLETED_WITH_ERRORS : JobStatus.COMPLETED;
        if (!jobs.move(job.id(), status, "completed_at = clock_timestamp()", null)) {
            return;
        }
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("total_rows", totals.totalRows());
        counters.put("created", totals.created());
        counters.put("updated", totals.updated());
        counters.put("unchanged", totals.unchanged());
        counters.put("duplicates", totals.duplicates());
        counters.put("errors", totals.errors());
        outcomes.completed(job, status, counters);
        log.info("job {} {}: {}", job.id(), status, counters);
    }
}
