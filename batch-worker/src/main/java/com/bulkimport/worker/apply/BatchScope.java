package com.bulkimport.worker.apply;

import java.util.List;
import java.util.UUID;

/**
 * The rows one batch applies: a job's staging rows with {@code batch_seq = seq}, duplicates excluded.
 *
 * @param mappedFields the fields the file provides; only these are written to existing records
 */
public record BatchScope(UUID jobId, String tenant, int seq, List<String> mappedFields) {
}
