package com.bulkimport.worker.apply;

/** What one batch did to the domain table. */
public record ApplyCounts(long created, long updated, long unchanged) {
}
