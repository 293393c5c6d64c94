package com.bulkimport.engine.review;

import com.bulkimport.engine.batch.Batches;
import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.staging.InFileDuplicates;
import com.bulkimport.engine.staging.StagingTable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After corrections, what the release computed is made true again, each a set-based statement over the job: the
 * in-file duplicates (a fixed row may now come first, and win), the batches (a fixed row joins its batch, or makes
 * one), and the job's counts — every row is exactly one of refused, skipped or staged, so
 * {@code processed_rows} (refused and skipped: they take no apply time) plus the batches' rows is the total.
 */
final class ReviewTotals {

    private ReviewTotals() {
    }

    static void refresh(JdbcClient jdbc, Batches batches, JobRef job, boolean atomic, boolean stagingChanged) {
        StagingTable table = StagingTable.of(job.kind());
        if (stagingChanged) {
            jdbc.sql("UPDATE " + table.name() + " SET duplicate_of = NULL WHERE job_id = :job AND duplicate_of IS NOT NULL")
                    .param("job", job.id()).update();
            jdbc.sql("DELETE FROM import_row_errors WHERE job_id = :job AND code = 'DUPLICATE_IN_FILE'")
                    .param("job", job.id()).update();
            InFileDuplicates.mark(jdbc, table, job.id());
            // a preview's batches were never announced: nothing points at them yet
            jdbc.sql("DELETE FROM import_batches WHERE job_id = :job AND status = 'PENDING'").param("job", job.id())
                    .update();
            if (atomic) {
                jdbc.sql("UPDATE " + table.name() + " SET batch_seq = 0 WHERE job_id = :job AND batch_seq <> 0")
                        .param("job", job.id()).update();
            }
            batches.insertFromStaging(job.id(), table.name());
        }
        jdbc.sql("UPDATE import_jobs j SET error_count = e.refused, skipped_count = e.skipped,"
                        + " processed_rows = e.refused + e.skipped, apply_base_rows = e.refused + e.skipped,"
                        + " duplicate_count = (SELECT count(*) FROM " + table.name()
                        + " WHERE job_id = :job AND duplicate_of IS NOT NULL),"
                        + " batch_count = (SELECT count(*) FROM import_batches WHERE job_id = :job), updated_at = now()"
                        + " FROM (SELECT count(DISTINCT row_number) FILTER (WHERE NOT skipped"
                        + " AND code <> 'DUPLICATE_IN_FILE') AS refused,"
                        + " count(DISTINCT row_number) FILTER (WHERE skipped) AS skipped"
                        + " FROM import_row_errors WHERE job_id = :job) e WHERE j.id = :job")
                .param("job", job.id()).update();
    }
}
