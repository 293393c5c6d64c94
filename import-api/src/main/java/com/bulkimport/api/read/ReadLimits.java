package com.bulkimport.api.read;

import com.bulkimport.api.importjob.InvalidImportRequest;

import java.util.List;

/** Filter values of the read API: bounded in length and free of control characters. */
public final class ReadLimits {

    public static final int MAX_FILTER_LENGTH = 200;

    private ReadLimits() {
    }

    /**
     * The records an import changed (docs/architecture.md, "Reverting an import"): those its record history names,
     * and those it created or changed last (an import applied with the history off), for a {@code WHERE} over
     * {@code table}; binds {@code :job} (null: no filter).
     */
    static String changedBy(String table) {
        return " AND (CAST(:job AS uuid) IS NULL OR id IN (SELECT h.record_id FROM record_history h"
                + " WHERE h.job_id = CAST(:job AS uuid) AND h.record_table = '" + table + "')"
                + " OR created_by_job = CAST(:job AS uuid) OR updated_by_job = CAST(:job AS uuid))";
    }

    /** The trimmed value, null when absent or blank; a 400 when it is too long or holds control characters. */
    static String filter(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_FILTER_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidImportRequest(List.of(name + " must be at most " + MAX_FILTER_LENGTH
                    + " characters without control characters"));
        }
        return trimmed;
    }
}
