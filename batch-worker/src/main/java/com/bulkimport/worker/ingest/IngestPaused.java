package com.bulkimport.worker.ingest;

import java.util.UUID;

/**
 * The job was found PAUSED at a chunk's fence: the ingest stops there, everything before the chunk kept with
 * its checkpoint for the resume. Thrown with the status read under the job row's lock, never re-read: a resume
 * right after must not be mistaken for a cancel whose staged rows are dropped.
 */
class IngestPaused extends RuntimeException {

    IngestPaused(UUID jobId) {
        super("job " + jobId + " was paused; its ingest stopped at the checkpoint", null, false, false);
    }
}
