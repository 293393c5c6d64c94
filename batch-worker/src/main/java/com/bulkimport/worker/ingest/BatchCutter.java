package com.bulkimport.worker.ingest;

import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.outbox.OutboxWriter;
import com.bulkimport.worker.job.JobCompletion;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import com.bulkimport.worker.staging.InFileDuplicates;
import com.bulkimport.worker.staging.StagingTable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * After a file is staged: marks in-file duplicates, groups the rows into batches, writes each batch
 * with its IMPORT_BATCH_READY outbox row, and moves the job on. Runs in the ingest transaction.
 * Rows that failed validation count as processed right away; every batch adds its own rows.
 */
@Component
class BatchCutter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final JobStore jobs;
    private final JobCompletion completion;
    private final OutboxWriter outbox;
    private final IngestProperties properties;
    private final String eventSource;

    BatchCutter(JdbcClient jdbc, JobStore jobs, JobCompletion completion, OutboxWriter outbox,
                IngestProperties properties, @Value("${bulkimport.events.source}") String eventSource) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.completion = completion;
        this.outbox = outbox;
        this.properties = properties;
        this.eventSource = eventSource;
    }

    record Batch(UUID id, int seq, int rowCount) {
    }

    void cut(WorkerJob job, FileIngestor.Streamed streamed) {
        StagingTable table = StagingTable.of(job.kind());
        long duplicates = InFileDuplicates.mark(jdbc, table, job.id());
        InFileDuplicates.groupTransactions(jdbc, table, job.id(), properties.batchSizeFor(job.options()));
        List<Batch> batches = insertBatches(job.id(), table);
        boolean dryRun = job.mode() == ImportMode.DRY_RUN;
        if (!dryRun) {
            for (Batch batch : batches) {
                outbox.appendForJob(job.id(), EventEnvelope.of(EventType.IMPORT_BATCH_READY, eventSource,
                        job.traceId(), "READY", batchPayload(job, batch)));
            }
        }
        Map<String, Object> params = new HashMap<>();
        params.put("total", streamed.rows());
        params.put("errors", streamed.invalidRows());
        params.put("duplicates", duplicates);
        params.put("batches", batches.size());
        params.put("encoding", streamed.encoding());
        params.put("delimiter", streamed.delimiter());
        params.put("warnings", JSON.writeValueAsString(streamed.warnings()));
        params.put("mapped", streamed.mappedFields().toArray(String[]::new));
        JobStatus next = dryRun ? JobStatus.PREVIEW_READY : JobStatus.APPLYING;
        boolean moved = jobs.move(job.id(), next, """
                total_rows = :total, processed_rows = :errors, error_count = :errors, duplicate_count = :duplicates,
                batch_count = :batches, ingest_row = :total, encoding = :encoding, delimiter = :delimiter,
                warnings = :warnings::jsonb, mapped_fields = :mapped, apply_started_at = clock_timestamp()""", params);
        if (!moved) {
            throw new JobLeftIngesting(job.id());
        }
        if (batches.isEmpty() && !dryRun) {
            // every row was refused: nothing to apply
            completion.completeIfDone(job);
        }
    }

    private List<Batch> insertBatches(UUID jobId, StagingTable table) {
        return jdbc.sql("""
                        INSERT INTO import_batches (id, job_id, seq, first_row, row_count, duplicate_count)
                        SELECT gen_random_uuid(), :job, batch_seq, min(row_number), count(*),
                               count(*) FILTER (WHERE duplicate_of IS NOT NULL)
                        FROM %s WHERE job_id = :job
                        GROUP BY batch_seq
                        RETURNING id, seq, row_count""".formatted(table.name()))
                .param("job", jobId)
                .query((rs, n) -> new Batch(rs.getObject("id", UUID.class), rs.getInt("seq"), rs.getInt("row_count")))
                .list();
    }

    private static Map<String, Object> batchPayload(WorkerJob job, Batch batch) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job_id", job.id().toString());
        payload.put("batch_id", batch.id().toString());
        payload.put("seq", batch.seq());
        payload.put("row_count", batch.rowCount());
        payload.put("kind", job.kind().wireName());
        payload.put("tenant", job.tenant());
        return payload;
    }
}
