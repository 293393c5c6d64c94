package com.bulkimport.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.Objects;
import java.util.UUID;

/** IMPORT_JOB_CANCELLED, with what was applied before the job stopped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJobCancelled(UUID jobId, String kind, String tenant, String owner,
                                 @JsonUnwrapped JobCounts counts) implements EventPayload {

    public ImportJobCancelled {
        Objects.requireNonNull(jobId, "job_id");
    }
}
