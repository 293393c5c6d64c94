package com.bulkimport.engine.job;

import java.util.List;
import java.util.Map;

/**
 * What reading a job's source found, kept on the job when its batches are released (or when an
 * all-or-nothing import is refused).
 *
 * @param refused      rows refused by validation or by the kind's own rules
 * @param mappedFields the fields the source provides; only these are written to existing records
 * @param sourceHeader the source's own column names, for the error report
 * @param columnMap    source column to field, for the error report
 */
public record IngestOutcome(long totalRows, long refused, long duplicates, boolean atomic, String encoding,
                            String delimiter, List<String> warnings, List<String> mappedFields,
                            List<String> sourceHeader, Map<String, String> columnMap) {
}
