package com.bulkimport.worker.job;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.Priority;

import com.bulkimport.engine.job.JobRef;

import java.util.List;
import java.util.UUID;

/**
 * What the worker needs to know about a job.
 *
 * @param stillReading APPLYING (or paused, failed, cancelling from there) with its file not yet read to the end
 * @param revertsJobId the import a revert job undoes, else null
 */
public record WorkerJob(UUID id, String owner, String tenant, ImportKind kind, ImportMode mode, JobStatus status,
                        String objectKey, Long fileSize, ImportOptions options, String traceId, int batchCount,
                        List<String> mappedFields, Priority priority, boolean stillReading, UUID revertsJobId) {

    /** This job with {@code options} in place of its own. */
    public WorkerJob withOptions(ImportOptions options) {
        return new WorkerJob(id, owner, tenant, kind, mode, status, objectKey, fileSize, options, traceId, batchCount,
                mappedFields, priority, stillReading, revertsJobId);
    }

    public JobRef ref() {
        return new JobRef(id, owner, tenant, kind, mode, traceId, options, priority);
    }
}
