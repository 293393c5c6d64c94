package com.bulkimport.api.storage;

/**
 * What {@link UploadStorage#store} wrote.
 *
 * @param size   bytes stored
 * @param sha256 hex digest of those bytes
 */
public record StreamedObject(long size, String sha256) {
}
