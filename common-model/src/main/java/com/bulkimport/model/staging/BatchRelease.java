package com.bulkimport.model.staging;

import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.JobTransitions;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.outbox.OutboxWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Once a job's rows are staged: marks in-file duplicates, groups the rows into batches, writes each
 * batch with its IMPORT_BATCH_READY outbox row, and moves the job from INGESTING on, all in the
 * caller's transaction. Rows refused by validation count as processed right away; each batch adds
 * its own rows when applied. A job with nothing left to apply is finished at once.
 */
public final class BatchRelease {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final JobTransitions transitions;
    private final OutboxWriter outbox;
    private final JobFinisher finisher;
    private final String eventSource;

    public BatchRelease(JdbcClient jdbc, OutboxWriter outbox, JobFinisher finisher, String eventSource) {
        this.jdbc = jdbc;
        this.transitions = new JobTransitions(jdbc);
        this.outbox = outbox;
        this.finisher = finisher;
        this.eventSource = eventSource;
    }

    /** One batch: its staged rows ({@code batch_seq = seq}). */
    public record Batch(UUID id, int seq, int rowCount) {
    }

    /** @throws JobLeftIngesting when the job is no longer INGESTING (it was cancelled meanwhile) */
    public List<Batch> release(JobRef job, StagingSummary summary, int batchSize) {
        StagingTable table = StagingTable.of(job.kind());
        long duplicates = InFileDuplicates.mark(jdbc, table, job.id());
        InFileDuplicates.groupTransactions(jdbc, table, job.id(), batchSize);
        List<Batch> batches = insertBatches(job.id(), table);
        boolean dryRun = job.mode() == ImportMode.DRY_RUN;
        if (!dryRun) {
            for (Batch batch : batches) {
                Map<String, Object> payload = job.eventPayload();
                payload.put("batch_id", batch.id().toString());
                payload.put("seq", batch.seq());
                payload.put("row_count", batch.rowCount());
                outbox.appendForJob(job.id(), EventEnvelope.of(EventType.IMPORT_BATCH_READY, eventSource,
                        job.traceId(), "READY", payload));
            }
        }
        Map<String, Object> params = new HashMap<>();
        params.put("total", summary.rows());
        params.put("errors", summary.invalidRows());
        params.put("duplicates", duplicates);
        params.put("batches", batches.size());
        params.put("encoding", summary.encoding());
        params.put("delimiter", summary.delimiter());
        params.put("warnings", JSON.writeValueAsString(summary.warnings()));
        params.put("mapped", summary.mappedFields().toArray(String[]::new));
        params.put("header", summary.sourceHeader().toArray(String[]::new));
        params.put("columns", JSON.writeValueAsString(summary.columnMap()));
        JobStatus next = dryRun ? JobStatus.PREVIEW_READY : JobStatus.APPLYING;
        boolean moved = transitions.move(job.id(), next, """
                total_rows = :total, processed_rows = :errors, error_count = :errors, duplicate_count = :duplicates,
                batch_count = :batches, ingest_row = :total, encoding = :encoding, delimiter = :delimiter,
                warnings = :warnings::jsonb, mapped_fields = :mapped, source_header = :header,
                column_map = :columns::jsonb, apply_started_at = clock_timestamp()""", params);
        if (!moved) {
            throw new JobLeftIngesting(job.id());
        }
        if (batches.isEmpty() && !dryRun) {
            finisher.finishIfDone(job);
        }
        return batches;
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
}
