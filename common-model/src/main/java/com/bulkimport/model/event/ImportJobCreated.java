package com.bulkimport.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.bulkimport.model.ImportMode;

import java.util.Objects;
import java.util.UUID;

/**
 * IMPORT_JOB_CREATED: a job exists, awaiting its upload (or, inline, with its rows).
 *
 * @param rows the rows of an inline import; null for a file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJobCreated(UUID jobId, String kind, String tenant, String owner, String fileName,
                               ImportMode mode, Integer rows) implements EventPayload {

    public ImportJobCreated {
        Objects.requireNonNull(jobId, "job_id");
    }
}
