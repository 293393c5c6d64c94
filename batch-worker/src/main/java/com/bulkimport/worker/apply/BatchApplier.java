package com.bulkimport.worker.apply;

import com.bulkimport.model.ImportKind;

import java.util.UUID;

/** Applies one batch of a kind's staged rows to its domain table with set-based SQL. */
public interface BatchApplier {

    ImportKind kind();

    /** Rows {@code firstRow..lastRow} of the job's staging rows, duplicates excluded. */
    ApplyCounts apply(UUID jobId, String tenant, long firstRow, long lastRow);
}
