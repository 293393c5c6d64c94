package com.bulkimport.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A job's counters as every end-of-job event (completed, failed, cancelled) carries them, so a
 * consumer never has to ask the API what a job did.
 *
 * @param totalRows null while the file has not been read (the field is then absent)
 * @param skipped   rows its owner left out at review (absent when none: a field added later, so a consumer that
 *                  reads the older events reads these alike); with refused rows, staged rows and duplicates they
 *                  make up the file's rows
 * @param items     purchase lines, for purchases only (null, so absent, for other kinds)
 * @param deleted   records a revert deleted (absent when none: a revert counts the records it gave their old
 *                  values back as updated, those already gone as unchanged, its conflicts as errors)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobCounts(Long totalRows, long processedRows, long created, long updated, long unchanged,
                        long duplicates, long errors, Long skipped, Long items, Long deleted) {

    public JobCounts(Long totalRows, long processedRows, long created, long updated, long unchanged, long duplicates,
                     long errors, Long items) {
        this(totalRows, processedRows, created, updated, unchanged, duplicates, errors, null, items, null);
    }
}
