package com.bulkimport.worker.apply;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/** {@code import_batches} and the job counters a batch moves. */
@Component
class BatchStore {

    private final JdbcClient jdbc;

    BatchStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record LockedBatch(UUID id, UUID jobId, long firstRow, int rowCount, String status) {
    }

    /** Job totals after a batch was counted in. */
    record JobTotals(int batchesDone, int batchCount, long created, long updated, long unchanged, long duplicates,
                     long errors, long totalRows) {
    }

    Optional<LockedBatch> lock(UUID batchId) {
        return jdbc.sql("SELECT id, job_id, first_row, row_count, status FROM import_batches WHERE id = :id FOR UPDATE")
                .param("id", batchId)
                .query((rs, n) -> new LockedBatch(rs.getObject("id", UUID.class), rs.getObject("job_id", UUID.class),
                        rs.getLong("first_row"), rs.getInt("row_count"), rs.getString("status")))
                .optional();
    }

    void markDone(UUID batchId, ApplyCounts counts) {
        jdbc.sql("""
                        UPDATE import_batches SET status = 'DONE', attempts = attempts + 1, created_count = :created,
                               updated_count = :updated, unchanged_count = :unchanged, updated_at = now()
                        WHERE id = :id""")
                .param("created", counts.created()).param("updated", counts.updated())
                .param("unchanged", counts.unchanged()).param("id", batchId)
                .update();
    }

    void markSkipped(UUID batchId) {
        jdbc.sql("UPDATE import_batches SET status = 'SKIPPED', updated_at = now() WHERE id = :id AND status = 'PENDING'")
                .param("id", batchId).update();
    }

    /** Adds a batch's counts to its job; the row lock this takes serializes the "last batch?" decision. */
    JobTotals countIn(UUID jobId, ApplyCounts counts, int rowCount) {
        return jdbc.sql("""
                        UPDATE import_jobs SET created_count = created_count + :created,
                               updated_count = updated_count + :updated, unchanged_count = unchanged_count + :unchanged,
                               processed_rows = processed_rows + :rows, batches_done = batches_done + 1,
                               updated_at = now()
                        WHERE id = :id
                        RETURNING batches_done, batch_count, created_count, updated_count, unchanged_count,
                                  duplicate_count, error_count, total_rows""")
                .param("created", counts.created()).param("updated", counts.updated())
                .param("unchanged", counts.unchanged()).param("rows", rowCount).param("id", jobId)
                .query((rs, n) -> new JobTotals(rs.getInt("batches_done"), rs.getInt("batch_count"),
                        rs.getLong("created_count"), rs.getLong("updated_count"), rs.getLong("unchanged_count"),
                        rs.getLong("duplicate_count"), rs.getLong("error_count"), rs.getLong("total_rows")))
                .single();
    }

    void dropStagedRows(String stagingTable, UUID jobId, long firstRow, long lastRow) {
        jdbc.sql("DELETE FROM " + stagingTable + " WHERE job_id = :job AND row_number BETWEEN :first AND :last")
                .param("job", jobId).param("first", firstRow).param("last", lastRow)
                .update();
    }
}
