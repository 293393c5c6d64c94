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
    private final PurchaseRules purchaseRules;
    private final Previews previews;
    private final String eventSource;

    public BatchRelease(JdbcClient jdbc, OutboxWriter outbox, JobFinisher finisher, String eventSource) {
        this.jdbc = jdbc;
        this.purchaseRules = new PurchaseRules(jdbc);
        this.previews = new Previews(jdbc);
        this.transitions = new JobTransitions(jdbc);
        this.outbox = outbox;
        this.finisher = finisher;
        this.eventSource = eventSource;
    }

    /** Below this many rows every plan is cheap; above it the planner must know how many rows the job has. */
    static final long ANALYZE_FROM_ROWS = 5_000;

    /** One batch: its staged rows ({@code batch_seq = seq}). */
    public record Batch(UUID id, int seq, int rowCount) {
    }

    /**
     * @return the batches, or an empty list when the job had nothing to apply or was refused whole
     * @throws JobLeftIngesting when the job is no longer INGESTING (it was cancelled meanwhile)
     */
    public List<Batch> release(JobRef job, StagingSummary summary, int batchSize) {
        StagingTable table = StagingTable.of(job.kind());
        if (summary.rows() >= ANALYZE_FROM_ROWS) {
            // the staging table's statistics describe jobs that are gone: this job's id is unknown to them, so
            // the planner expects a handful of rows and nests loops over the whole job (minutes at 200k rows)
            jdbc.sql("ANALYZE " + table.name()).update();
        }
        long duplicates = InFileDuplicates.mark(jdbc, table, job.id());
        boolean atomic = job.options().atomicFor(job.kind());
        long refused = 0;
        List<String> warnings = new java.util.ArrayList<>(summary.warnings());
        if (job.kind() == com.bulkimport.model.ImportKind.PURCHASES) {
            PurchaseRules.Findings findings = purchaseRules.check(job.id(), job.tenant(),
                    job.options().failOnDuplicateTransactions());
            if (findings.alignedTransactions() > 0) {
                warnings.add(findings.alignedTransactions() + " transaction(s) had lines at different times;"
                        + " each took its earliest time");
            }
            if (atomic && (summary.invalidRows() > 0 || findings.refusedLines() > 0)) {
                refuseWhole(job, table, summary, findings);
                return List.of();
            }
            refused = atomic ? 0 : purchaseRules.dropRefusedTransactions(job.id());
        }
        // an atomic job is one batch, applied in one transaction
        InFileDuplicates.groupTransactions(jdbc, table, job.id(), atomic ? Integer.MAX_VALUE : batchSize);
        if (atomic) {
            jdbc.sql("UPDATE " + table.name() + " SET batch_seq = 0 WHERE job_id = :job AND batch_seq <> 0")
                    .param("job", job.id()).update();
        }
        List<Batch> batches = insertBatches(job.id(), table);
        boolean dryRun = job.mode() == ImportMode.DRY_RUN;
        if (!dryRun) {
            for (Batch batch : batches) {
                outbox.appendForJob(job.id(), job.batchReady(eventSource, batch.id(), batch.seq(), batch.rowCount()));
            }
        }
        Map<String, Object> params = new HashMap<>();
        params.put("total", summary.rows());
        params.put("errors", summary.invalidRows() + refused);
        params.put("atomic", atomic);
        params.put("duplicates", duplicates);
        params.put("batches", batches.size());
        params.put("encoding", summary.encoding());
        params.put("delimiter", summary.delimiter());
        params.put("warnings", JSON.writeValueAsString(warnings));
        params.put("mapped", summary.mappedFields().toArray(String[]::new));
        params.put("header", summary.sourceHeader().toArray(String[]::new));
        params.put("columns", JSON.writeValueAsString(summary.columnMap()));
        JobStatus next = dryRun ? JobStatus.PREVIEW_READY : JobStatus.APPLYING;
        boolean moved = transitions.move(job.id(), next, """
                total_rows = :total, processed_rows = :errors, error_count = :errors, duplicate_count = :duplicates,
                batch_count = :batches, ingest_row = :total, encoding = :encoding, delimiter = :delimiter,
                warnings = :warnings::jsonb, mapped_fields = :mapped, source_header = :header,
                column_map = :columns::jsonb, atomic = :atomic, apply_started_at = clock_timestamp(),
                apply_base_rows = :errors""", params);
        if (!moved) {
            throw new JobLeftIngesting(job.id());
        }
        if (dryRun) {
            previews.record(job, summary.mappedFields());
        } else if (batches.isEmpty()) {
            finisher.finishIfDone(job);
        }
        return batches;
    }

    /** All or nothing, and something was refused: nothing is written, the job fails listing every problem. */
    private void refuseWhole(JobRef job, StagingTable table, StagingSummary summary,
                             PurchaseRules.Findings findings) {
        List<String> problems = new java.util.ArrayList<>();
        if (summary.invalidRows() > 0) {
            problems.add(summary.invalidRows() + " line(s) failed validation");
        }
        problems.addAll(findings.problems());
        jdbc.sql("DELETE FROM " + table.name() + " WHERE job_id = :job").param("job", job.id()).update();
        Map<String, Object> params = new HashMap<>();
        params.put("total", summary.rows());
        params.put("errors", summary.invalidRows() + findings.refusedLines());
        params.put("header", summary.sourceHeader().toArray(String[]::new));
        params.put("columns", JSON.writeValueAsString(summary.columnMap()));
        params.put("encoding", summary.encoding());
        params.put("delimiter", summary.delimiter());
        finisher.fail(job, "ATOMIC_IMPORT_REFUSED", "nothing was imported (the import is all or nothing): "
                        + String.join("; ", problems) + "; see the error report",
                "total_rows = :total, processed_rows = :total, error_count = :errors, source_header = :header,"
                        + " column_map = :columns::jsonb, encoding = :encoding, delimiter = :delimiter, atomic = true",
                params);
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
