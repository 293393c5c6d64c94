package com.bulkimport.worker.apply;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.inbox.Inbox;
import com.bulkimport.model.staging.JobFinisher;
import com.bulkimport.worker.job.Failures;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.model.staging.JobTotals;
import com.bulkimport.worker.job.WorkerJob;
import com.bulkimport.worker.metrics.ImportMetrics;
import com.bulkimport.worker.queue.RetryLater;
import com.bulkimport.worker.queue.WorkHandler;
import com.bulkimport.model.staging.StagingTable;
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
    private final JobFinisher finisher;
    private final BatchStore batches;
    private final Inbox inbox;
    private final TransactionTemplate tx;
    private final Map<ImportKind, BatchApplier> appliers = new EnumMap<>(ImportKind.class);
    private final ImportMetrics metrics;

    ApplyHandler(JobStore jobs, JobFinisher finisher, BatchStore batches, Inbox inbox, TransactionTemplate tx,
                 List<BatchApplier> appliers, ImportMetrics metrics) {
        this.metrics = metrics;
        this.jobs = jobs;
        this.finisher = finisher;
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
        for (int attempt = 1; ; attempt++) {
            try {
                long started = System.nanoTime();
                Applied applied = tx.execute(status -> applyOnce(event));
                if (applied != null) {
                    count(applied, Duration.ofNanos(System.nanoTime() - started));
                }
                return;
            } catch (PessimisticLockingFailureException | DuplicateKeyException e) {
                // a deadlock, or another import inserted the same key first: its rows are visible now
                if (attempt >= CONFLICT_RETRIES) {
                    recordFailure(event, e);
                    throw e;
                }
                log.info("batch {} met a concurrent import (attempt {}: {}), applying again",
                        event.payloadText("batch_id"), attempt, e.getClass().getSimpleName());
            } catch (RetryLater e) {
                throw e;
            } catch (RuntimeException e) {
                recordFailure(event, e);
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

    private void recordFailure(EventEnvelope event, RuntimeException e) {
        try {
            tx.executeWithoutResult(status -> batches.recordFailure(UUID.fromString(event.payloadText("batch_id")),
                    Failures.describe(e)));
        } catch (RuntimeException ignored) {
            // the database itself may be the failure; the queue's redelivery still stands
        }
    }

    private Applied applyOnce(EventEnvelope event) {
        UUID jobId = UUID.fromString(event.payloadText("job_id"));
        UUID batchId = UUID.fromString(event.payloadText("batch_id"));
        WorkerJob job = jobs.find(jobId).orElseThrow(() ->
                new RetryLater("job " + jobId + " is not visible yet", Duration.ofSeconds(5)));
        if (job.status() == JobStatus.FAILED) {
            // another batch failed the job: this one stays pending, and the job's retry (or a redrive) sends it
            // again; no inbox row, so nothing of it is marked as handled
            log.info("batch {} of job {} left pending: the job failed; a retry applies it", batchId, jobId);
            return null;
        }
        if (!inbox.firstDelivery(event.eventId())) {
            return null;
        }
        if (job.status() == JobStatus.CANCELLING) {
            // stop at the batch boundary; the last batch to be skipped finishes the cancellation
            if (batches.markSkipped(batchId)) {
                JobTotals totals = batches.countIn(job.id(), ApplyCounts.NOTHING, 0);
                finisher.finish(job.ref(), totals);
            }
            log.info("batch {} of job {} skipped: the job is being cancelled", batchId, jobId);
            return null;
        }
        if (!job.status().isLive()) {
            batches.markSkipped(batchId);
            log.info("batch {} of job {} skipped: the job is {}", batchId, jobId, job.status());
            return null;
        }
        if (job.status() != JobStatus.APPLYING) {
            throw new RetryLater("job " + jobId + " is " + job.status() + ", not APPLYING", Duration.ofSeconds(10));
        }
        BatchStore.LockedBatch batch = batches.lock(batchId).orElseThrow(() ->
                new RetryLater("batch " + batchId + " is not visible yet", Duration.ofSeconds(5)));
        if (!"PENDING".equals(batch.status())) {
            return null;
        }
        BatchApplier applier = appliers.get(job.kind());
        if (applier == null) {
            throw new IllegalStateException("no applier for " + job.kind());
        }
        batches.preferIndexes();
        ApplyCounts counts = applier.apply(new BatchScope(job.id(), job.tenant(), batch.seq(), job.mappedFields()));
        batches.markDone(batch.id(), counts);
        batches.dropStagedRows(StagingTable.of(job.kind()).name(), job.id(), batch.seq());
        JobTotals totals = batches.countIn(job.id(), counts, batch.rowCount());
        finisher.finish(job.ref(), totals);
        return new Applied(job.kind(), counts);
    }
}
