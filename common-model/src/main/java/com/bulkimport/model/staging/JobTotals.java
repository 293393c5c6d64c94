package com.bulkimport.model.staging;

/** A job's counters as they stand after a batch (or the ingest) was counted in. */
public record JobTotals(int batchesDone, int batchCount, long created, long updated, long unchanged, long duplicates,
                        long errors, long totalRows) {

    public boolean allBatchesDone() {
        return batchesDone >= batchCount;
    }
}
