package com.bulkimport.engine.job;

import com.bulkimport.engine.batch.Batch;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.Priority;
import com.bulkimport.model.event.ImportBatchReady;

import java.util.UUID;

/**
 * What staging, batching and the lifecycle need to know about a job.
 *
 * @param priority the lane its work messages travel in (never null)
 */
public record JobRef(UUID id, String owner, String tenant, ImportKind kind, ImportMode mode, String traceId,
                     ImportOptions options, Priority priority) {

    public JobRef {
        priority = priority == null ? Priority.NORMAL : priority;
    }

    /** A job of normal priority. */
    public JobRef(UUID id, String owner, String tenant, ImportKind kind, ImportMode mode, String traceId,
                  ImportOptions options) {
        this(id, owner, tenant, kind, mode, traceId, options, Priority.NORMAL);
    }

    public boolean dryRun() {
        return mode == ImportMode.DRY_RUN;
    }

    /** IMPORT_BATCH_READY's payload for one of this job's batches: all a worker needs to apply it. */
    ImportBatchReady batchReady(Batch batch, boolean resent) {
        return new ImportBatchReady(id, kind.wireName(), tenant, owner, batch.id(), batch.seq(), batch.rowCount(),
                resent, priority.wireName());
    }
}
