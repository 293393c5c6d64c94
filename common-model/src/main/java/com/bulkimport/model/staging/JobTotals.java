package com.bulkimport.model.staging;

import com.bulkimport.model.JobStatus;
import org.springframework.jdbc.core.RowMapper;

/** A job's counters as they stand after a batch (or the ingest) was counted in, with its status. */
public record JobTotals(int batchesDone, int batchCount, long created, long updated, long unchanged, long duplicates,
                        long errors, long totalRows, long items, JobStatus status) {

    /** For {@code SELECT batches_done, batch_count, created_count, updated_count, unchanged_count,
     * duplicate_count, error_count, total_rows, item_count, status}. */
    public static final RowMapper<JobTotals> ROW = (rs, n) -> new JobTotals(rs.getInt(1), rs.getInt(2), rs.getLong(3),
            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
            JobStatus.valueOf(rs.getString(10)));

    public boolean allBatchesDone() {
        return batchesDone >= batchCount;
    }
}
