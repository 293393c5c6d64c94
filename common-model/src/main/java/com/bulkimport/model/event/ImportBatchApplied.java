package com.bulkimport.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * IMPORT_BATCH_APPLIED: one batch applied, for jobs with {@code events: summary} (instead of an event
 * per record): its counts and the ids of the records it created and updated.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportBatchApplied(UUID jobId, String kind, String tenant, String owner, UUID batchId, int seq,
                                 long created, long updated, long unchanged, long duplicates, long errors,
                                 List<Long> createdIds, List<Long> updatedIds) implements EventPayload {

    public ImportBatchApplied {
        Objects.requireNonNull(jobId, "job_id");
        Objects.requireNonNull(batchId, "batch_id");
        createdIds = createdIds == null ? List.of() : List.copyOf(createdIds);
        updatedIds = updatedIds == null ? List.of() : List.copyOf(updatedIds);
    }
}
