package com.bulkimport.worker.apply;

import com.bulkimport.model.EventDetail;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

/**
 * The rows one batch applies: a job's staging rows with {@code batch_seq = seq}, duplicates excluded,
 * and how the batch announces what it changed.
 *
 * @param mappedFields the fields the file provides; only these are written to existing records
 * @param events       the job's {@code events} option: per record, a summary per batch, or none
 * @param traceId      the job's trace, which its events carry
 */
public record BatchScope(UUID jobId, String tenant, UUID batchId, int seq, List<String> mappedFields,
                         EventDetail events, String traceId) {

    /** Binds every parameter an apply statement may use ({@code :job :seq :tenant :batch :trace :source}). */
    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, String eventSource) {
        return statement.param("job", jobId).param("seq", seq).param("tenant", tenant).param("batch", batchId)
                .param("trace", traceId).param("source", eventSource);
    }
}
