package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportOptions;

import java.util.UUID;

/**
 * A file the API received itself and already stored (a multipart upload), ready to become a job.
 *
 * @param id        the job's id, chosen before the upload (it is part of the object key)
 * @param objectKey where the file is, in the upload bucket
 * @param sha256    hex digest of the stored bytes
 * @param label     the user's name for the job (the seed's {@code batch_name}), or null
 */
public record UploadedImport(UUID id, ImportKind kind, String fileName, String objectKey, long size, String sha256,
                             ImportOptions options, String label) {
}
