package com.bulkimport.model;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one place that changes a job's status in SQL: the row moves only when its current status
 * may legally precede the target ({@link JobStatus#predecessorsOf}), so a late or repeated message
 * can never move a job backwards or out of a final state.
 */
public final class JobTransitions {

    private final JdbcClient jdbc;

    public JobTransitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param assignments extra {@code column = :param} assignments, or null
     * @param params      values of the named parameters used in {@code assignments}
     * @return whether the job moved
     */
    public boolean move(UUID jobId, JobStatus target, String assignments, Map<String, ?> params) {
        return move(jobId, JobStatus.predecessorsOf(target), target, assignments, params);
    }

    /**
     * Moves the job only from one of {@code expected} (each must be a legal predecessor), for steps
     * that mean one particular path: "start" moves AWAITING_UPLOAD to PENDING, "retry" FAILED to PENDING.
     */
    public boolean move(UUID jobId, java.util.Set<JobStatus> expected, JobStatus target, String assignments,
                        Map<String, ?> params) {
        for (JobStatus status : expected) {
            if (!status.canMoveTo(target)) {
                throw new IllegalArgumentException(status + " may not move to " + target);
            }
        }
        List<String> from = expected.stream().map(Enum::name).toList();
        JdbcClient.StatementSpec statement = jdbc.sql("UPDATE import_jobs SET status = :target, updated_at = now(),"
                        + " version = version + 1" + (assignments == null ? "" : ", " + assignments)
                        + " WHERE id = :jobId AND status IN (:from)")
                .param("target", target.name()).param("jobId", jobId).param("from", from);
        if (params != null) {
            params.forEach(statement::param);
        }
        return statement.update() == 1;
    }

    public boolean move(UUID jobId, JobStatus target) {
        return move(jobId, target, null, null);
    }
}
