package com.bulkimport.engine.release;

import com.bulkimport.engine.batch.Batch;
import com.bulkimport.engine.batch.Batches;
import com.bulkimport.engine.job.IngestOutcome;
import com.bulkimport.engine.job.JobLeftIngesting;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.preview.Previews;
import com.bulkimport.engine.purchase.PurchaseRules;
import com.bulkimport.engine.staging.InFileDuplicates;
import com.bulkimport.engine.staging.StagingSummary;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.model.ImportKind;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

/**
 * Once a job's rows are staged: marks in-file duplicates, runs the purchase rules, groups the rows
 * into batches and releases them ({@link JobLifecycle#release}: the job moves on from INGESTING and
 * each batch gets its IMPORT_BATCH_READY), all in the caller's transaction. Rows refused by
 * validation count as processed right away; each batch adds its own rows when applied. A dry run
 * records its preview instead.
 */
public final class BatchRelease {

    /** Below this many rows every plan is cheap; above it the planner must know how many rows the job has. */
    static final long ANALYZE_FROM_ROWS = 5_000;

    private final JdbcClient jdbc;
    private final JobLifecycle lifecycle;
    private final Batches batches;
    private final PurchaseRules purchaseRules;
    private final Previews previews;

    public BatchRelease(JdbcClient jdbc, JobLifecycle lifecycle, Batches batches) {
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.batches = batches;
        this.purchaseRules = new PurchaseRules(jdbc);
        this.previews = new Previews(jdbc);
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
        List<String> warnings = new ArrayList<>(summary.warnings());
        if (job.kind() == ImportKind.PURCHASES) {
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
        List<Batch> released = batches.insertFromStaging(job.id(), table.name());
        lifecycle.release(job, outcome(summary, summary.invalidRows() + refused, duplicates, atomic, warnings), released);
        if (job.dryRun()) {
            previews.record(job, summary.mappedFields());
        }
        return released;
    }

    /** All or nothing, and something was refused: nothing is written, the job fails listing every problem. */
    private void refuseWhole(JobRef job, StagingTable table, StagingSummary summary, PurchaseRules.Findings findings) {
        List<String> problems = new ArrayList<>();
        if (summary.invalidRows() > 0) {
            problems.add(summary.invalidRows() + " line(s) failed validation");
        }
        problems.addAll(findings.problems());
        jdbc.sql("DELETE FROM " + table.name() + " WHERE job_id = :job").param("job", job.id()).update();
        lifecycle.refuse(job, outcome(summary, summary.invalidRows() + findings.refusedLines(), 0, true,
                        summary.warnings()),
                "nothing was imported (the import is all or nothing): " + String.join("; ", problems)
                        + "; see the error report");
    }

    private static IngestOutcome outcome(StagingSummary summary, long refused, long duplicates, boolean atomic,
                                         List<String> warnings) {
        return new IngestOutcome(summary.rows(), refused, duplicates, atomic, summary.encoding(), summary.delimiter(),
                warnings, summary.mappedFields(), summary.sourceHeader(), summary.columnMap());
    }
}
