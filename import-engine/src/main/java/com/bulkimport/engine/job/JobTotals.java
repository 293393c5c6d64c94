package com.bulkimport.engine.job;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.JobCounts;
import org.springframework.jdbc.core.RowMapper;

/**
 * A job's counters as they stand after a batch (or the ingest) was counted in, with its status.
 *
 * @param totalRows    null until the file was read (the rows read so far while {@code stillReading})
 * @param stillReading its batches apply while its file is still being read: more batches are to come
 * @param deleted      records a revert job deleted
 * @param skipped      rows its owner left out at review ({@code skipped_count})
 */
public record JobTotals(int batchesDone, int batchCount, long created, long updated, long unchanged, long duplicates,
                        long errors, Long totalRows, long items, long processed, JobStatus status,
                        boolean stillReading, long deleted, long skipped) {

    /** What {@link #ROW} reads, in its order: for {@code SELECT} and {@code RETURNING} alike. */
    public static final String COLUMNS = "batches_done, batch_count, created_count, updated_count, unchanged_count,"
            + " duplicate_count, error_count, total_rows, item_count, processed_rows, status, still_reading,"
            + " deleted_count, skipped_count";

    public static final RowMapper<JobTotals> ROW = (rs, n) -> new JobTotals(rs.getInt(1), rs.getInt(2), rs.getLong(3),
            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), (Long) rs.getObject(8), rs.getLong(9),
            rs.getLong(10), JobStatus.valueOf(rs.getString(11)), rs.getBoolean(12), rs.getLong(13),
            rs.getLong(14));

    /** Every batch there will be is in: the file is read to its end and each of its batches counted. */
    public boolean allBatchesDone() {
        return batchesDone >= batchCount && !stillReading;
    }

    /**
     * The final counts every end-of-job event carries; items, like the status view's, for purchases only; deleted
     * when the job deleted records (a revert); skipped when its owner left rows out at review.
     */
    public JobCounts counts(ImportKind kind) {
        return new JobCounts(totalRows, processed, created, updated, unchanged, duplicates, errors,
                skipped > 0 ? skipped : null, kind == ImportKind.PURCHASES ? items : null, deleted > 0 ? deleted : null);
    }
}
