package com.bulkimport.worker.apply;

import java.util.List;

/**
 * What one batch did. {@code errors}: rows refused while applying (a dish whose restaurant does not
 * exist...); {@code duplicates}: records that must never be written twice (a purchase whose
 * transaction was imported before, two rows naming one product); {@code items}: purchase lines
 * written (purchases count transactions in created/duplicates). The ids of the records it created
 * and updated are there only for a job that announces a summary per batch (else empty). {@code deleted}: records
 * a revert removed (a revert counts the records it gave their old values back as updated, those already gone as
 * unchanged, its conflicts as errors).
 */
public record ApplyCounts(long created, long updated, long unchanged, long errors, long duplicates, long items,
                          List<Long> createdIds, List<Long> updatedIds, long deleted) {

    public static final ApplyCounts NOTHING = new ApplyCounts(0, 0, 0, 0, 0, 0);

    public ApplyCounts {
        createdIds = createdIds == null ? List.of() : createdIds;
        updatedIds = updatedIds == null ? List.of() : updatedIds;
    }

    public ApplyCounts(long created, long updated, long unchanged, long errors, long duplicates, long items,
                       List<Long> createdIds, List<Long> updatedIds) {
        this(created, updated, unchanged, errors, duplicates, items, createdIds, updatedIds, 0);
    }

    public ApplyCounts(long created, long updated, long unchanged, long errors, long duplicates, long items) {
        this(created, updated, unchanged, errors, duplicates, items, List.of(), List.of());
    }

    public ApplyCounts(long created, long updated, long unchanged, long errors, long duplicates) {
        this(created, updated, unchanged, errors, duplicates, 0);
    }

    /** These counts with the ids of what they created and updated. */
    ApplyCounts withIds(List<Long> created, List<Long> updated) {
        return new ApplyCounts(this.created, this.updated, unchanged, errors, duplicates, items, created, updated, deleted);
    }
}
