package com.bulkimport.worker.apply;

/**
 * What one batch did. {@code errors}: rows refused while applying (a dish whose restaurant does not
 * exist...); {@code duplicates}: records that must never be written twice (a purchase whose
 * transaction was imported before, two rows naming one product); {@code items}: purchase lines
 * written (purchases count transactions in created/duplicates).
 */
public record ApplyCounts(long created, long updated, long unchanged, long errors, long duplicates, long items) {

    public static final ApplyCounts NOTHING = new ApplyCounts(0, 0, 0, 0, 0, 0);

    public ApplyCounts(long created, long updated, long unchanged) {
        this(created, updated, unchanged, 0, 0, 0);
    }

    public ApplyCounts(long created, long updated, long unchanged, long errors, long duplicates) {
        this(created, updated, unchanged, errors, duplicates, 0);
    }
}
