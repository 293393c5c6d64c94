package com.bulkimport.engine.batch;

import com.bulkimport.model.BatchStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code import_batches}: every batch status change (see {@link BatchStatus}), each guarded by the
 * status it may start from, on the caller's transaction.
 */
public final class Batches {

    private static final RowMapper<Batch> ROW = (rs, n) -> new Batch(rs.getObject("id", UUID.class), rs.getInt("seq"),
            rs.getInt("row_count"));
    private static final int MAX_ERROR = 2_000;

    private final JdbcClient jdbc;

    public Batches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A batch with its row locked until the transaction ends, as a worker applies it. */
    public record Locked(Batch batch, UUID jobId, BatchStatus status) {
    }

    /** A batch of a job that gave up: which one, after how many attempts, and its last error. */
    public record GaveUp(int seq, int attempts, String lastError) {
    }

    /** One batch per {@code batch_seq} of the job's staged rows. */
    public List<Batch> insertFromStaging(UUID jobId, String stagingTable) {
        return jdbc.sql("""
                        INSERT INTO import_batches (id, job_id, seq, first_row, row_count, duplicate_count)
                        SELECT gen_random_uuid(), :job, batch_seq, min(row_number), count(*),
                               count(*) FILTER (WHERE duplicate_of IS NOT NULL)
                        FROM %s WHERE job_id = :job
                        GROUP BY batch_seq
                        RETURNING id, seq, row_count""".formatted(stagingTable))
                .param("job", jobId)
                .query(ROW)
                .list();
    }

    /** One batch per {@code batch_seq} in {@code [fromSeq, toSeq)}: released while the file is still being read. */
    public List<Batch> insertFromStaging(UUID jobId, String stagingTable, int fromSeq, int toSeq) {
        return jdbc.sql("""
                        INSERT INTO import_batches (id, job_id, seq, first_row, row_count, duplicate_count)
                        SELECT gen_random_uuid(), :job, batch_seq, min(row_number), count(*),
                               count(*) FILTER (WHERE duplicate_of IS NOT NULL)
                        FROM %s WHERE job_id = :job AND batch_seq >= :from AND batch_seq < :to
                        GROUP BY batch_seq
                        RETURNING id, seq, row_count""".formatted(stagingTable))
                .param("job", jobId).param("from", fromSeq).param("to", toSeq)
                .query(ROW)
                .list();
    }

    /** One batch per {@code batch_seq} of a job's work items ({@code revert_items}: no duplicates among them). */
    public List<Batch> insertFromItems(UUID jobId, String itemsTable) {
        return jdbc.sql("""
                        INSERT INTO import_batches (id, job_id, seq, first_row, row_count)
                        SELECT gen_random_uuid(), :job, batch_seq, min(row_number), count(*)
                        FROM %s WHERE job_id = :job
                        GROUP BY batch_seq
                        RETURNING id, seq, row_count""".formatted(itemsTable))
                .param("job", jobId)
                .query(ROW)
                .list();
    }

    public Optional<Locked> lock(UUID batchId) {
        return jdbc.sql("SELECT id, job_id, seq, row_count, status FROM import_batches WHERE id = :id FOR UPDATE")
                .param("id", batchId)
                .query((rs, n) -> new Locked(ROW.mapRow(rs, n), rs.getObject("job_id", UUID.class),
                        BatchStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    /** The job's batches in one of {@code statuses}, in file order. */
    public List<Batch> of(UUID jobId, BatchStatus... statuses) {
        return jdbc.sql("SELECT id, seq, row_count FROM import_batches WHERE job_id = :job AND status IN (:statuses)"
                        + " ORDER BY seq")
                .param("job", jobId).param("statuses", names(statuses))
                .query(ROW).list();
    }

    /** PENDING → DONE with what applying it did. */
    public boolean markDone(UUID batchId, long created, long updated, long unchanged, long errors, long duplicates) {
        return jdbc.sql("""
                        UPDATE import_batches SET status = 'DONE', attempts = attempts + 1, created_count = :created,
                               updated_count = :updated, unchanged_count = :unchanged, error_count = :errors,
                               duplicate_count = duplicate_count + :duplicates, updated_at = now()
                        WHERE id = :id AND status = 'PENDING'""")
                .param("created", created).param("updated", updated).param("unchanged", unchanged)
                .param("errors", errors).param("duplicates", duplicates).param("id", batchId)
                .update() == 1;
    }

    /** PENDING → SKIPPED. @return whether it was pending (and so still to be counted in) */
    public boolean skip(UUID batchId) {
        return jdbc.sql("UPDATE import_batches SET status = 'SKIPPED', updated_at = now() WHERE id = :id"
                + " AND status = 'PENDING'").param("id", batchId).update() == 1;
    }

    /** Every PENDING batch of the job → SKIPPED (a preview discarded). */
    public int skipPending(UUID jobId) {
        return jdbc.sql("UPDATE import_batches SET status = 'SKIPPED', updated_at = now() WHERE job_id = :job"
                + " AND status = 'PENDING'").param("job", jobId).update();
    }

    /** PENDING → FAILED: its message was delivered for the last time. @return it, or empty when it was not pending */
    public Optional<GaveUp> giveUp(UUID batchId) {
        return jdbc.sql("""
                        UPDATE import_batches SET status = 'FAILED', failed_at = now(), updated_at = now()
                        WHERE id = :id AND status = 'PENDING'
                        RETURNING seq, attempts, coalesce(last_error, 'no error recorded') AS error""")
                .param("id", batchId)
                .query((rs, n) -> new GaveUp(rs.getInt("seq"), rs.getInt("attempts"), rs.getString("error")))
                .optional();
    }

    /** FAILED → PENDING, one batch (its dead letter redriven). */
    public boolean reopen(UUID batchId) {
        return jdbc.sql("UPDATE import_batches SET status = 'PENDING', failed_at = NULL, updated_at = now()"
                + " WHERE id = :id AND status = 'FAILED'").param("id", batchId).update() == 1;
    }

    /** FAILED → PENDING, every failed batch of the job (a retry). */
    public int reopenFailed(UUID jobId) {
        return jdbc.sql("UPDATE import_batches SET status = 'PENDING', failed_at = NULL, updated_at = now()"
                + " WHERE job_id = :job AND status = 'FAILED'").param("job", jobId).update();
    }

    /** Why the last attempt failed, for the dead-letter report; written outside the failed transaction. */
    public void recordFailure(UUID batchId, String error) {
        jdbc.sql("UPDATE import_batches SET attempts = attempts + 1, last_error = :error, updated_at = now()"
                        + " WHERE id = :id AND status = 'PENDING'")
                .param("error", error == null ? "unknown" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error)
                .param("id", batchId).update();
    }

    /** Their IMPORT_BATCH_READY goes out now, whatever their tenant's window (the sweeper's lost work). */
    public void markAnnounced(List<Batch> batches) {
        if (!batches.isEmpty()) {
            jdbc.sql("UPDATE import_batches SET announced_at = clock_timestamp() WHERE id IN (:ids)")
                    .param("ids", batches.stream().map(Batch::id).toList()).update();
        }
    }

    /** The job's pending batches were sent again (the stuck-work sweeper counts its attempts). */
    public void countRequeue(UUID jobId) {
        jdbc.sql("UPDATE import_batches SET requeued = requeued + 1 WHERE job_id = :job AND status = 'PENDING'")
                .param("job", jobId).update();
    }

    private static List<String> names(BatchStatus... statuses) {
        return java.util.Arrays.stream(statuses).map(Enum::name).toList();
    }
}
