package com.bulkimport.api.importjob;

import com.bulkimport.model.JobStatus;

import java.util.UUID;

/** Answer to {@code POST /api/imports}: the job and where to upload its file. */
record CreatedImport(UUID jobId, JobStatus status, String kind, String fileName, UploadInstructions upload,
                     String statusUrl, String startUrl) {
}
