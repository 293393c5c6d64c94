package com.bulkimport.model.event;

import com.bulkimport.model.JobStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.Objects;
import java.util.UUID;

/**
 * IMPORT_JOB_PAUSED: its owner paused the job; nothing new is claimed for it until a resume.
 *
 * @param pausedFrom the status it was paused in (PENDING, INGESTING or APPLYING)
 * @param counts     what it had done when paused (a batch in flight then still counts in later)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJobPaused(UUID jobId, String kind, String tenant, String owner, JobStatus pausedFrom,
                              @JsonUnwrapped JobCounts counts) implements EventPayload {

    public ImportJobPaused {
        Objects.requireNonNull(jobId, "job_id");
    }
}
