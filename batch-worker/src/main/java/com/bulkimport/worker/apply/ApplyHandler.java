package com.bulkimport.worker.apply;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.inbox.Inbox;
import com.bulkimport.worker.job.JobOutcomes;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import com.bulkimport.worker.queue.RetryLater;
import com.bulkimport.worker.queue.WorkHandler;
import com.bulkimport.worker.staging.StagingTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * IMPORT_BATCH_READY: applies one batch. The domain rows, the batch and job counters, the inbox row
 * and (for the last batch) the job's completion and its event commit in one transaction.
 */
@Component
class ApplyHandler implements WorkHandler {

    private static final Logger log = LoggerFactory.getLogger(ApplyHandler.class);

    private final JobStore jobs;
    private final JobOutcomes outcomes;
    private final BatchStore batches;
    private final Inbox inbox;
    private final TransactionTemplate tx;
    private final Map<ImportKind, BatchApplier> appliers = new EnumMap<>(ImportKind.class);

    ApplyHandler(JobStore jobs, JobOutcomes outcomes, BatchStore batches, Inbox inbox, TransactionTemplate tx,
                 List<BatchApplier> appliers) {
        this.jobs = jobs;
        this.outcomes = outcomes;
        this.batches = batches;
        this.inbox = inbox;
        this.tx = tx;
        appliers.forEach(a -> this.appliers.put(a.kind(), a));
    }

    @Override
    public EventType handles() {
        return EventType.IMPORT_BATCH_READY;
    }

    @Override
    public void handle(EventEnvelope event) {
        if (inbox.alreadyHandled(event.eventId())) {
            return;
        }
        UUID jobId = UUID.fromString(event.payloadText("job_id"));
        UUID batchId = UUID.fromString(event.payloadText("batch_id"));
        tx.executeWithoutResult(status -> {
            if (!inbox.firstDelivery(event.eventId())) {
                return;
            }
            WorkerJob job = jobs.find(jobId).orElseThrow(() ->
                    new RetryLater("job " + jobId + " is not visible yet", Duration.ofSeconds(5)));
            if (!job.status().isLive()) {
                batches.markSkipped(batchId);
                log.info("batch {} of job {} skipped: the job is {}", batchId, jobId, job.status());
                return;
            }
            if (job.status() != JobStatus.APPLYING) {
                throw new RetryLater("job " + jobId + " is " + job.status() + ", not APPLYING", Duration.ofSeconds(10));
            }
            BatchStore.LockedBatch batch = batches.lock(batchId).orElseThrow(() ->
                    new RetryLater("batch " + batchId + " is not visible yet", Duration.ofSeconds(5)));
            if (!"PENDING".equals(batch.status())) {
                return;
            }
            apply(job, batch);
        });
    }

    private void apply(WorkerJob job, BatchStore.LockedBatch batch) {
        long lastRow = batch.firstRow() + batch.rowCount() - 1;
        BatchApplier applier = appliers.get(job.kind());
        if (applier == null) {
            throw new IllegalStateException("no applier for " + job.kind());
        }
        ApplyCounts counts = applier.apply(job.id(), job.tenant(), batch.firstRow(), lastRow);
        batches.markDone(batch.id(), counts);
        batches.dropStagedRows(StagingTable.of(job.kind()).name(), job.id(), batch.firstRow(), lastRow);
        BatchStore.JobTotals totals = batches.countIn(job.id(), counts, batch.rowCount());
        if (totals.batchesDone() == totals.batchCount()) {
            complete(job, totals);
        }
    }

    private void complete(WorkerJob job, BatchStore.JobTotals totals) {
        JobStatus status = totals.errors() > 0 ? JobStatus.COMPLETED_WITH_ERRORS : JobStatus.COMPLETED;
        if (!jobs.move(job.id(), status, "completed_at = now()", null)) {
            return;
        }
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("total_rows", totals.totalRows());
        counters.put("created", totals.created());
        counters.put("updated", totals.updated());
        counters.put("unchanged", totals.unchanged());
        counters.put("duplicates", totals.duplicates());
        counters.put("errors", totals.errors());
        outcomes.completed(job, status, counters);
        log.info("job {} {}: {}", job.id(), status, counters);
    }
}
