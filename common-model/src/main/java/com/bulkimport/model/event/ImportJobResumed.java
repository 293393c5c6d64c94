package com.bulkimport.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.Objects;
import java.util.UUID;

/**
 * IMPORT_JOB_RESUMED: a paused job goes on where it stopped; the envelope's status says how (PENDING: its
 * ingest continues from the checkpoint; APPLYING: its remaining batches are sent again).
 *
 * @param counts what it had done when resumed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJobResumed(UUID jobId, String kind, String tenant, String owner,
                               @JsonUnwrapped JobCounts counts) implements EventPayload {

    public ImportJobResumed {
        Objects.requireNonNull(jobId, "job_id");
    }
}
