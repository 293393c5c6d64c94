package com.bulkimport.engine.job;

import com.bulkimport.engine.batch.Batch;
import com.bulkimport.engine.outbox.OutboxWriter;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventPayload;
import com.bulkimport.model.event.ImportBatchReady;
import com.bulkimport.model.event.ImportImagesRetry;
import com.bulkimport.model.event.ImportJobCancelled;
import com.bulkimport.model.event.ImportJobCompleted;
import com.bulkimport.model.event.ImportJobCreated;
import com.bulkimport.model.event.ImportJobFailed;
import com.bulkimport.model.event.ImportJobPaused;
import com.bulkimport.model.event.ImportJobResumed;
import com.bulkimport.model.event.ImportJobStarted;

import java.util.List;

/** A job's events, each appended to the outbox in the caller's transaction (so it commits with its status). */
final class JobEvents {

    private static final String BATCH_READY_STATUS = "READY";

    private final OutboxWriter outbox;
    private final String source;

    JobEvents(OutboxWriter outbox, String source) {
        this.outbox = outbox;
        this.source = source;
    }

    void created(JobRef job, String fileName, Integer inlineRows, JobStatus status) {
        append(job, new ImportJobCreated(job.id(), job.kind().wireName(), job.tenant(), job.owner(), fileName,
                job.mode(), inlineRows), status.name());
    }

    /**
     * @param mode   null when the job's stored mode holds (a retry, a resend)
     * @param status the status the event reports
     */
    void started(JobRef job, String objectKey, ImportMode mode, boolean retry, boolean resent, JobStatus status) {
        append(job, new ImportJobStarted(job.id(), job.kind().wireName(), job.tenant(), job.owner(), objectKey, mode,
                retry, resent, job.priority().wireName()), status.name());
    }

    void batchesReady(JobRef job, List<Batch> batches, boolean resent) {
        for (Batch batch : batches) {
            ImportBatchReady ready = job.batchReady(batch, resent);
            append(job, ready, BATCH_READY_STATUS);
        }
    }

    void completed(JobRef job, JobTotals totals, JobStatus status) {
        append(job, new ImportJobCompleted(job.id(), job.kind().wireName(), job.tenant(), job.owner(),
                totals.counts(job.kind())), status.name());
    }

    void failed(JobRef job, JobTotals totals, String code, String reason) {
        append(job, new ImportJobFailed(job.id(), job.kind().wireName(), job.tenant(), job.owner(),
                totals.counts(job.kind()), code, reason), JobStatus.FAILED.name());
    }

    void cancelled(JobRef job, JobTotals totals) {
        append(job, new ImportJobCancelled(job.id(), job.kind().wireName(), job.tenant(), job.owner(),
                totals.counts(job.kind())), JobStatus.CANCELLED.name());
    }

    void paused(JobRef job, JobTotals totals, JobStatus from) {
        append(job, new ImportJobPaused(job.id(), job.kind().wireName(), job.tenant(), job.owner(), from,
                totals.counts(job.kind())), JobStatus.PAUSED.name());
    }

    /** @param status where the resume took the job: PENDING (its ingest goes on) or APPLYING */
    void resumed(JobRef job, JobTotals totals, JobStatus status) {
        append(job, new ImportJobResumed(job.id(), job.kind().wireName(), job.tenant(), job.owner(),
                totals.counts(job.kind())), status.name());
    }

    /** @param status the finished job's status, which the retry of its images leaves as it is */
    void imagesRetry(JobRef job, JobStatus status) {
        append(job, new ImportImagesRetry(job.id(), job.kind().wireName(), job.tenant(), job.owner(),
                job.priority().wireName()), status.name());
    }

    private void append(JobRef job, EventPayload payload, String status) {
        outbox.appendForJob(job.id(), EventEnvelope.of(payload, source, job.traceId(), status));
    }
}
