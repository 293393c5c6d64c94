package com.bulkimport.worker.ingest;

import java.util.UUID;

/** The job's status changed under a running ingest (it was cancelled): the ingest rolls back. */
class JobLeftIngesting extends RuntimeException {
    JobLeftIngesting(UUID jobId) {
        super("job " + jobId + " is no longer INGESTING", null, false, false);
    }
}
