package com.bulkimport.engine.job;

import java.util.UUID;

/** The job's status changed under a running ingest (it was cancelled): the ingest rolls back. */
public class JobLeftIngesting extends RuntimeException {
    public JobLeftIngesting(UUID jobId) {
        super("job " + jobId + " is no longer INGESTING", null, false, false);
    }
}
