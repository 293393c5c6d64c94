package com.bulkimport.worker.apply;

import com.bulkimport.model.ImportKind;

/** Applies one batch of a kind's staged rows to its domain tables with set-based SQL. */
public interface BatchApplier {

    ImportKind kind();

    ApplyCounts apply(BatchScope batch);
}
