package com.bulkimport.worker.ingest;

import com.bulkimport.model.JobStatus;
import com.bulkimport.model.LogText;
import com.bulkimport.model.csv.UnreadableFile;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.event.ImportJobStarted;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.job.JobLeftIngesting;
import com.bulkimport.worker.inbox.Inbox;
import com.bulkimport.worker.job.Failures;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import com.bulkimport.worker.metrics.ImportMetrics;
import com.bulkimport.worker.queue.RetryLater;
import com.bulkimport.worker.queue.WorkHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.UUID;

/**
 * IMPORT_JOB_STARTED: ingests the job's file. A file that cannot be imported fails the job with a
 * reason the uploader can act on; anything transient leaves the message for redelivery.
 */
@Component
class IngestHandler implements WorkHandler {

    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);

    private final JobStore jobs;
    private final Inbox inbox;
    private final FileIngestor ingestor;
    private final TransactionTemplate tx;
    private final JobLifecycle lifecycle;
    private final ImportMetrics metrics;
    private final IngestSlots slots;

    IngestHandler(JobStore jobs, Inbox inbox, FileIngestor ingestor, TransactionTemplate tx,
                  JobLifecycle lifecycle, ImportMetrics metrics, IngestSlots slots) {
        this.metrics = metrics;
        this.slots = slots;
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.inbox = inbox;
        this.ingestor = ingestor;
        this.tx = tx;
    }

    @Override
    public EventType handles() {
        return EventType.IMPORT_JOB_STARTED;
    }

    @Override
    public void handle(EventEnvelope event) {
        UUID jobId = event.payload(ImportJobStarted.class).jobId();
        WorkerJob job = jobs.find(jobId).orElse(null);
        if (job == null) {
            throw new RetryLater("job " + jobId + " is not visible yet", Duration.ofSeconds(5));
        }
        if (inbox.alreadyHandled(event.eventId())) {
            return;
        }
        if (job.status() == JobStatus.CANCELLING) {
            if (job.stillReading()) {
                // cancelled while its first batches applied, and no read met the cancel (its worker died): the read
                // stops here, or the job would wait for the rest of a file nobody reads
                ingestor.stopReading(job);
            }
            finishCancellation(job, event);
            return;
        }
        if (job.status() == JobStatus.PAUSED) {
            // consumed without effect: the resume sends the ingest again, from its checkpoint
            log.info("job {} is PAUSED; its ingest waits for the resume", jobId);
            return;
        }
        if (job.status() == JobStatus.PENDING) {
            IngestSlots.Begin begin = slots.begin(job);
            if (begin == IngestSlots.Begin.WAITING) {
                // consumed without effect: when one of its tenant's ingests ends, this job's is sent again
                log.info("job {} waits for a free ingest slot of tenant {}", jobId, job.tenant());
                return;
            }
            if (begin == IngestSlots.Begin.MOVED_ON && jobs.find(jobId).map(WorkerJob::status).orElse(null)
                    != JobStatus.INGESTING) {
                // paused or cancelled between the read and the move: the message comes back soon and meets that
                // status, rather than waiting a whole lease here for a claim that only an INGESTING job gives
                throw new RetryLater("job " + jobId + " moved on before its ingest began", Duration.ofSeconds(1));
            }
        } else if (job.status() != JobStatus.INGESTING && !(job.status() == JobStatus.APPLYING && job.stillReading())) {
            log.info("job {} is {}; nothing to ingest", jobId, job.status());
            return;
        }
        try {
            ingest(job, event);
        } finally {
            // released, failed, paused, cancelled or left for redelivery: a waiting job of the tenant may go now
            slots.passOn(job.tenant());
        }
    }

    private void ingest(WorkerJob job, EventEnvelope event) {
        UUID jobId = job.id();
        try {
            ingestor.ingest(job, event).ifPresent(ingested -> {
                metrics.rows(job.kind(), "error", ingested.refusedRows());
                metrics.rows(job.kind(), "duplicate", ingested.duplicates());
            });
        } catch (UnreadableFile e) {
            log.info("job {} fails: {} ({})", jobId, LogText.clean(e.getMessage()), e.code());
            if (appliedWhileReading(jobId)) {
                // batches of the rows before it are applied (or on their way): nothing of them can be taken back,
                // so the rows staged before it stay with their checkpoint, and a retry reads on from there
                ingestor.stepAside(job);
            } else {
                ingestor.abandon(job);
            }
            tx.executeWithoutResult(status -> {
                if (inbox.firstDelivery(event.eventId())) {
                    lifecycle.fail(job.ref(), e.code(), e.getMessage());
                }
            });
        } catch (IngestPaused e) {
            log.info("job {} paused: its ingest stopped at the checkpoint", jobId);
            ingestor.stepAside(job);
        } catch (RetryLater e) {
            throw e;
        } catch (RuntimeException e) {
            if (!(e instanceof JobLeftIngesting)) {
                recordError(jobId, e);
                throw e;
            }
            handleLeft(jobId, event);
        }
    }

    /** Whether some of the job's batches went out before its file was read to the end. */
    private boolean appliedWhileReading(UUID jobId) {
        return jobs.find(jobId).map(now -> now.stillReading() || now.batchCount() > 0).orElse(false);
    }

    private void recordError(UUID jobId, RuntimeException e) {
        try {
            tx.executeWithoutResult(status -> jobs.recordError(jobId, Failures.describe(e)));
        } catch (RuntimeException ignored) {
            // the database may be the failure; the redelivery still stands
        }
    }

    private void handleLeft(UUID jobId, EventEnvelope event) {
        jobs.find(jobId).ifPresent(job -> {
            if (job.status().isRetryable()) {
                // failed meanwhile (a dead letter's verdict, the sweeper): a retry goes on from the checkpoint,
                // so the rows staged before it stay
                log.info("job {} failed while its file streamed in; what it staged stays for a retry", jobId);
                ingestor.stepAside(job);
                return;
            }
            if (job.stillReading() || job.batchCount() > 0) {
                // cancelled while its first batches applied: those stay (the worker skips the pending ones), the
                // rows staged past them are dropped, and the job waits no longer for the rest of the file
                log.info("job {} was cancelled while its file was read and its first batches applied", jobId);
                ingestor.stopReading(job);
            } else {
                log.info("job {} left INGESTING while its file streamed in; what it staged is dropped", jobId);
                ingestor.abandon(job);
            }
            if (job.status() == JobStatus.CANCELLING) {
                finishCancellation(job, event);
            }
        });
    }

    /** Cancelled before anything was applied: CANCELLED, with its event, and the message is done. */
    private void finishCancellation(WorkerJob job, EventEnvelope event) {
        tx.executeWithoutResult(status -> {
            if (inbox.firstDelivery(event.eventId())) {
                lifecycle.finishIfDone(job.ref());
            }
        });
    }
}
