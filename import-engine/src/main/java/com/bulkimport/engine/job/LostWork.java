package com.bulkimport.engine.job;

import com.bulkimport.engine.batch.Batch;
import com.bulkimport.engine.batch.Batches;
import com.bulkimport.engine.outbox.OutboxWriter;
import com.bulkimport.model.BatchStatus;
import com.bulkimport.model.JobStatus;

import java.util.List;

/**
 * Work whose message was lost, sent again without a status change (the stuck-work sweeper): a job's
 * pending batches, or its ingest. Each event is marked {@code resent}; the inbox makes a duplicate harmless.
 */
public final class LostWork {

    private final JobEvents events;
    private final Batches batches;

    public LostWork(OutboxWriter outbox, Batches batches, String eventSource) {
        this.events = new JobEvents(outbox, eventSource);
        this.batches = batches;
    }

    /** @return the batches sent again */
    public int resendPendingBatches(JobRef job) {
        List<Batch> pending = batches.of(job.id(), BatchStatus.PENDING);
        // all of them, not only those its tenant's window announced: this is the safety net, fairness comes second
        batches.markAnnounced(pending);
        events.batchesReady(job, pending, true);
        batches.countRequeue(job.id());
        return pending.size();
    }

    /** @param status the job's status, which the event reports */
    public void resendIngest(JobRef job, String objectKey, JobStatus status) {
        events.started(job, objectKey, null, false, true, status);
    }
}
