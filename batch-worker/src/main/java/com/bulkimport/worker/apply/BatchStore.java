package com.bulkimport.worker.apply;

import com.bulkimport.engine.job.JobTotals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** What applying a batch does beside its rows: the job counters it moves, its staged rows dropped, the plan it runs under. */
@Component
class BatchStore {

    private final JdbcClient jdbc;

    BatchStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a batch's counts to its job; the row lock this takes serializes the "last batch?" decision. */
    JobTotals countIn(UUID jobId, ApplyCounts counts, int rowCount) {
        return jdbc.sql("""
                        UPDATE import_jobs SET created_count = created_count + :created,
                               updated_count = updated_count + :updated, unchanged_count = unchanged_count + :unchanged,
                               error_count = error_count + :errors, duplicate_count = duplicate_count + :duplicates,
                               processed_rows = processed_rows + :rows, batches_done = batches_done + 1,
                               item_count = item_count + :items, deleted_count = deleted_count + :deleted,
                               updated_at = now()
                        WHERE id = :id
                        RETURNING\s""" + JobTotals.COLUMNS)
                .param("created", counts.created()).param("updated", counts.updated())
                .param("unchanged", counts.unchanged()).param("errors", counts.errors())
                .param("duplicates", counts.duplicates()).param("rows", rowCount).param("items", counts.items()).param("deleted", counts.deleted())
                .param("id", jobId)
                .query(JobTotals.ROW)
                .single();
    }

    /**
     * A batch touches a thousand rows by index. While a large import runs, the statistics of the
     * tables it fills lag behind (autovacuum analyzes them late); a plan that trusts a stale
     * "products is tiny" would scan the whole table once per row. Index paths only, for this transaction,
     * and plain index probes: a lookup finds at most a row or two, for which a bitmap scan's set-up per
     * probe cost more than the probe (about a tenth of the product apply statement in bench/import-throughput).
     */
    void preferIndexes() {
        jdbc.sql("SET LOCAL enable_seqscan = off").update();
        jdbc.sql("SET LOCAL enable_bitmapscan = off").update();
    }

    void dropStagedRows(String stagingTable, UUID jobId, int seq) {
        jdbc.sql("DELETE FROM " + stagingTable + " WHERE job_id = :job AND batch_seq = :seq")
                .param("job", jobId).param("seq", seq)
                .update();
    }
}
