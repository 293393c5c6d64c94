package com.bulkimport.model.event;

import com.bulkimport.model.ImportMode;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;
import java.util.UUID;

/**
 * IMPORT_JOB_STARTED: the file is uploaded; a worker ingests it.
 *
 * @param mode   null when sent again (the job's stored mode holds)
 * @param retry  the owner retried a job that failed before its batches existed
 * @param resent sent again for an ingest nothing was doing any more (the stuck-work sweeper), or that a resume
 *               continues from its checkpoint
 * @param priority the job's priority, the work lane it travels in (absent: normal)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJobStarted(UUID jobId, String kind, String tenant, String owner, String objectKey,
                               ImportMode mode,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean retry,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean resent,
                               String priority) implements EventPayload {

    /** Without a priority: a normal one's lane. */
    public ImportJobStarted(UUID jobId, String kind, String tenant, String owner, String objectKey, ImportMode mode,
                            boolean retry, boolean resent) {
        this(jobId, kind, tenant, owner, objectKey, mode, retry, resent, null);
    }

    public ImportJobStarted {
        Objects.requireNonNull(jobId, "job_id");
    }
}
