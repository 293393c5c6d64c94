package com.bulkimport.engine.job;

import com.bulkimport.engine.outbox.OutboxWriter;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.ImportBatchApplied;

import java.util.List;
import java.util.UUID;

/**
 * IMPORT_BATCH_APPLIED, the one event per batch of a job with {@code events: summary}: its counts and
 * the ids it created and updated, in the batch's own transaction.
 */
public final class BatchSummaries {

    private final OutboxWriter outbox;
    private final String source;

    public BatchSummaries(OutboxWriter outbox, String eventSource) {
        this.outbox = outbox;
        this.source = eventSource;
    }

    /** What one batch did, as its summary says it. */
    public record Applied(long created, long updated, long unchanged, long duplicates, long errors,
                          List<Long> createdIds, List<Long> updatedIds) {
    }

    public void applied(JobRef job, UUID batchId, int seq, Applied applied) {
        outbox.appendForJob(job.id(), EventEnvelope.of(new ImportBatchApplied(job.id(), job.kind().wireName(),
                job.tenant(), job.owner(), batchId, seq, applied.created(), applied.updated(), applied.unchanged(),
                applied.duplicates(), applied.errors(), applied.createdIds(), applied.updatedIds()), source,
                job.traceId(), "APPLIED"));
    }
}
