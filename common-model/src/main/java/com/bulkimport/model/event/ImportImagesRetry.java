package com.bulkimport.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;
import java.util.UUID;

/**
 * IMPORT_IMAGES_RETRY: the owner retried a finished product import whose images partly failed; a worker fetches
 * those images again (only those), stores them on the products as the first fetch would, and resolves their
 * IMAGE_FETCH_FAILED warnings. Rows are not imported again and the job's status does not change.
 *
 * @param priority the job's priority: the work lane it travels in (absent: normal)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportImagesRetry(UUID jobId, String kind, String tenant, String owner, String priority)
        implements EventPayload {

    public ImportImagesRetry {
        Objects.requireNonNull(jobId, "job_id");
    }
}
