package com.bulkimport.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.Objects;
import java.util.UUID;

/** IMPORT_JOB_FAILED, with the counts up to the failure and a reason the owner can act on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJobFailed(UUID jobId, String kind, String tenant, String owner, @JsonUnwrapped JobCounts counts,
                              String failureCode, String failureReason) implements EventPayload {

    public ImportJobFailed {
        Objects.requireNonNull(jobId, "job_id");
    }
}
