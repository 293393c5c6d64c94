package com.bulkimport.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.Objects;
import java.util.UUID;

/** IMPORT_JOB_COMPLETED (status COMPLETED or COMPLETED_WITH_ERRORS), with the job's final counts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJobCompleted(UUID jobId, String kind, String tenant, String owner,
                                 @JsonUnwrapped JobCounts counts) implements EventPayload {

    public ImportJobCompleted {
        Objects.requireNonNull(jobId, "job_id");
    }
}
