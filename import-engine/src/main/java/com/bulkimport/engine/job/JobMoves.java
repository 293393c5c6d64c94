package com.bulkimport.engine.job;

import com.bulkimport.model.JobStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;
import java.util.UUID;

/**
 * The one statement that changes a job's status: {@code UPDATE import_jobs SET status = <target>, ...
 * WHERE id = ? AND status IN (<from>)}, with the transition's own column assignments in the same
 * statement. The row lock it takes keeps every other writer of the job out until the caller commits.
 */
final class JobMoves {

    private final JdbcClient jdbc;

    JobMoves(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param assignments more {@code column = :param} assignments, or null
     * @param params      values of the named parameters used in {@code assignments}, or null
     * @return whether the job was in one of the transition's source statuses and moved
     */
    boolean move(UUID jobId, JobTransition transition, String assignments, Map<String, ?> params) {
        JdbcClient.StatementSpec statement = jdbc.sql("UPDATE import_jobs SET status = :target, updated_at = now(),"
                        + " version = version + 1" + (assignments == null ? "" : ", " + assignments)
                        + " WHERE id = :jobId AND status IN (:from)")
                .param("target", transition.target().name()).param("jobId", jobId)
                .param("from", transition.from().stream().map(Enum::name).toList());
        if (params != null) {
            params.forEach(statement::param);
        }
        return statement.update() == 1;
    }

    boolean move(UUID jobId, JobTransition transition, String assignments) {
        return move(jobId, transition, assignments, null);
    }

    /** The status with the job's row locked until the transaction ends, after its turn ({@link JobTurn}). */
    Locked lock(UUID jobId) {
        JobTurn.take(jdbc, jobId);
        return jdbc.sql("SELECT status, atomic, batch_count, still_reading FROM import_jobs WHERE id = :id FOR UPDATE")
                .param("id", jobId)
                .query((rs, n) -> new Locked(JobStatus.valueOf(rs.getString("status")), rs.getBoolean("atomic"),
                        rs.getInt("batch_count"), rs.getBoolean("still_reading")))
                .single();
    }

    /** @param stillReading its batches began to apply before its file was read to the end, and the read goes on */
    record Locked(JobStatus status, boolean atomic, int batchCount, boolean stillReading) {
    }

    /** The status as committed now, without a lock: for a refusal's message. */
    JobStatus status(UUID jobId) {
        return jdbc.sql("SELECT status FROM import_jobs WHERE id = :id").param("id", jobId)
                .query((rs, n) -> JobStatus.valueOf(rs.getString("status"))).single();
    }

    /** Counters read under the job row's lock, so exactly one transaction sees the end. */
    JobTotals lockedTotals(UUID jobId) {
        return jdbc.sql("SELECT " + JobTotals.COLUMNS + " FROM import_jobs WHERE id = :id FOR UPDATE")
                .param("id", jobId).query(JobTotals.ROW).single();
    }

    /** Read after a status change, whose row lock keeps every other writer of the counters out. */
    JobTotals totals(UUID jobId) {
        return jdbc.sql("SELECT " + JobTotals.COLUMNS + " FROM import_jobs WHERE id = :id")
                .param("id", jobId).query(JobTotals.ROW).single();
    }
}
