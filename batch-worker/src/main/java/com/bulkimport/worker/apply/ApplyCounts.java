package com.bulkimport.worker.apply;

/**
 * What one batch did. {@code errors}: rows refused while applying (a dish whose restaurant does not
 * exist...); {@code duplicates}: rows that repeat what the database already has and must never be
 * written twice (a purchase whose transaction was imported before).
 */
public record ApplyCounts(long created, long updated, long unchanged, long errors, long duplicates) {

    public ApplyCounts(long created, long updated, long unchanged) {
        this(created, updated, unchanged, 0, 0);
    }
}
