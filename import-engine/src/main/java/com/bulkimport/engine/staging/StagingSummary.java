package com.bulkimport.engine.staging;

import java.util.List;
import java.util.Map;

/**
 * What loading a file (or inline rows) into staging found out, for the batches and the job.
 *
 * @param mappedFields the fields the source provides; only these are written to existing records
 * @param sourceHeader the source's own column names, for the error report
 * @param columnMap    source column to field, for the error report
 */
public record StagingSummary(long rows, long invalidRows, String encoding, String delimiter, List<String> warnings,
                             List<String> mappedFields, List<String> sourceHeader, Map<String, String> columnMap) {
}
