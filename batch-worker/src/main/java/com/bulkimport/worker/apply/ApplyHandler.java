package com.bulkimport.worker.apply;

import com.bulkimport.engine.batch.Batches;
import com.bulkimport.engine.job.BatchWindow;
import com.bulkimport.engine.job.BatchSummaries;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.job.JobTotals;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.model.BatchStatus;
import com.bulkimport.model.EventDetail;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.event.ImportBatchReady;
import com.bulkimport.worker.inbox.Inbox;
import com.bulkimport.worker.job.Failures;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import com.bulkimport.worker.metrics.ImportMetrics;
import com.bulkimport.worker.queue.RetryLater;
import com.bulkimport.worker.queue.WorkHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * IMPORT_BATCH_READY: applies one batch. The domain rows, the batch and job counters, the inbox row
 * and (for the last batch) the job's completion and its event commit in one transaction. A deadlock
 * or unique-key race with another import rolls it all back and is retried at once, a few times.
 */
@Component
class ApplyHandler implements WorkHandler {

    private static final Logger log = LoggerFactory.getLogger(ApplyHandler.class);
    private static final int CONFLICT_RETRIES = 3;

    private final JobStore jobs;
    private final JobLifecycle lifecycle;
    private final Batches batches;
    private final BatchStore store;
    private final BatchSummaries summaries;
    private final Inbox inbox;
    private final TransactionTemplate tx;
    private final Map<ImportKind, BatchApplier> appliers = new EnumMap<>(ImportKind.class);
    private final ImportMetrics metrics;
    private final BatchWindow window;
    private final RevertApplier reverts;

    ApplyHandler(JobStore jobs, JobLifecycle lifecycle, Batches batches, BatchStore store, BatchSummaries summaries,
                 Inbox inbox, TransactionTemplate tx, List<BatchApplier> appliers, ImportMetrics metrics,
                 BatchWindow window, RevertApplier reverts) {
        this.window = window;
        this.reverts = reverts;
        this.summaries = summaries;
        this.metrics = metrics;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.batches = batches;
        this.store = store;
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
        ImportBatchReady ready = event.payload(ImportBatchReady.class);
        for (int attempt = 1; ; attempt++) {
            try {
                long started = System.nanoTime();
                Applied applied = tx.execute(status -> {
                    Applied outcome = applyOnce(event, ready);
                    // applied, skipped or left for a resume or a retry: a slot of the tenant's may be free now.
                    // Last in the transaction: the tenant's lock is held until the commit (BatchWindow)
                    if (ready.tenant() != null) {
                        window.refill(ready.tenant());
                    }
                    return outcome;
                });
                if (applied != null) {
                    count(applied, Duration.ofNanos(System.nanoTime() - started));
                }
                return;
            } catch (PessimisticLockingFailureException | DuplicateKeyException e) {
                // a deadlock, or another import inserted the same key first: its rows are visible now
                if (attempt >= CONFLICT_RETRIES) {
                    recordFailure(ready, e);
                    throw e;
                }
                log.info("batch {} met a concurrent import (attempt {}: {}), applying again",
                        ready.batchId(), attempt, e.getClass().getSimpleName());
            } catch (RetryLater e) {
                throw e;
            } catch (RuntimeException e) {
                recordFailure(ready, e);
                throw e;
            }
        }
    }

    /** What a committed batch did, for the metrics. */
    private record Applied(ImportKind kind, ApplyCounts counts) {
    }

    private void count(Applied applied, Duration took) {
        ApplyCounts counts = applied.counts();
        metrics.batchApplied(applied.kind(), took);
        metrics.rows(applied.kind(), "created", counts.created());
        metrics.rows(applied.kind(), "updated", counts.updated());
        metrics.rows(applied.kind(), "unchanged", counts.unchanged());
        metrics.rows(applied.kind(), "duplicate", counts.duplicates());
        metrics.rows(applied.kind(), "error", counts.errors());
    }

    private void recordFailure(ImportBatchReady ready, RuntimeException e) {
        try {
            tx.executeWithoutResult(status -> batches.recordFailure(ready.batchId(), Failures.describe(e)));
        } catch (RuntimeException ignored) {
            // the database itself may be the failure; the queue's redelivery still stands
        }
    }

    private Applied applyOnce(EventEnvelope event, ImportBatchReady ready) {
        UUID jobId = ready.jobId();
        UUID batchId = ready.batchId();
        WorkerJob job = jobs.find(jobId).orElseThrow(() ->
                new RetryLater("job " + jobId + " is not visible yet", Duration.ofSeconds(5)));
        if (job.status() == JobStatus.FAILED) {
            // another batch failed the job: this one stays pending, and the job's retry (or a redrive) sends it
            // again; no inbox row, so nothing of it is marked as handled
            log.info("batch {} of job {} left pending: the job failed; a retry applies it", batchId, jobId);
            return null;
        }
        if (job.status() == JobStatus.PAUSED) {
            // nothing new is claimed while paused; as for a failed job, no inbox row: the resume sends it again.
            // A batch that read APPLYING just before the pause is in flight and finishes
            log.info("batch {} of job {} left pending: the job is paused; its resume sends it again", batchId, jobId);
            return null;
        }
        if (!inbox.firstDelivery(event.eventId())) {
            return null;
        }
        if (job.status() == JobStatus.CANCELLING) {
            // stop at the batch boundary; the last batch to be skipped finishes the cancellation
            if (batches.skip(batchId)) {
                JobTotals totals = store.countIn(job.id(), ApplyCounts.NOTHING, 0);
                lifecycle.finish(job.ref(), totals);
            }
            log.info("batch {} of job {} skipped: the job is being cancelled", batchId, jobId);
            return null;
        }
        if (!job.status().isLive()) {
            batches.skip(batchId);
            log.info("batch {} of job {} skipped: the job is {}", batchId, jobId, job.status());
            return null;
        }
        if (job.status() != JobStatus.APPLYING) {
            throw new RetryLater("job " + jobId + " is " + job.status() + ", not APPLYING", Duration.ofSeconds(10));
        }
        Batches.Locked batch = batches.lock(batchId).orElseThrow(() ->
                new RetryLater("batch " + batchId + " is not visible yet", Duration.ofSeconds(5)));
        if (batch.status() != BatchStatus.PENDING) {
            return null;
        }
        store.preferIndexes();
        int seq = batch.batch().seq();
        EventDetail events = job.options().eventDetail().orElse(EventDetail.RECORDS);
        BatchScope scope = new BatchScope(job.id(), job.tenant(), batchId, seq, job.mappedFields(), events,
                job.traceId());
        ApplyCounts counts = job.revertsJobId() != null ? reverts.apply(scope, job.kind(), job.revertsJobId())
                : applierOf(job).apply(scope);
        if (events == EventDetail.SUMMARY) {
            summaries.applied(job.ref(), batchId, seq, new BatchSummaries.Applied(counts.created(), counts.updated(),
                    counts.unchanged(), counts.duplicates(), counts.errors(), counts.createdIds(), counts.updatedIds()));
        }
        batches.markDone(batchId, counts.created(), counts.updated(), counts.unchanged(), counts.errors(),
                counts.duplicates());
        store.dropStagedRows(job.revertsJobId() != null ? "revert_items" : StagingTable.of(job.kind()).name(), job.id(),
                seq);
        JobTotals totals = store.countIn(job.id(), counts, batch.batch().rowCount());
        lifecycle.finish(job.ref(), totals);
        return new Applied(job.kind(), counts);
    }

    private BatchApplier applierOf(WorkerJob job) {
        BatchApplier applier = appliers.get(job.kind());
        if (applier == null) {
            throw new IllegalStateException("no applier for " + job.kind());
        }
        return applier;
    }
}
