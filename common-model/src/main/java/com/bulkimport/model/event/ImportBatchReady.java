package com.bulkimport.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;
import java.util.UUID;

/**
 * IMPORT_BATCH_READY: one batch's rows are staged; a worker applies it.
 *
 * @param resent sent again for a batch whose message was lost (the sweeper) or spent (a retry, a redrive, one
 *               that came while the job was paused)
 * @param priority the job's priority ({@code high}, {@code normal}, {@code low}): the work lane it travels in;
 *                 absent in events written before priorities existed, which count as normal
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportBatchReady(UUID jobId, String kind, String tenant, String owner, UUID batchId, int seq,
                               int rowCount,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean resent,
                               String priority) implements EventPayload {

    /** Without a priority: a normal one's lane. */
    public ImportBatchReady(UUID jobId, String kind, String tenant, String owner, UUID batchId, int seq, int rowCount,
                            boolean resent) {
        this(jobId, kind, tenant, owner, batchId, seq, rowCount, resent, null);
    }

    public ImportBatchReady {
        Objects.requireNonNull(jobId, "job_id");
        Objects.requireNonNull(batchId, "batch_id");
    }
}
