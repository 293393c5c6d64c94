package com.bulkimport.worker.ingest;

import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.InputStream;

/**
 * Streams uploaded files from the bucket; nothing is held in memory beyond the parser's buffers. A stream closed
 * before its end aborts its download ({@link AbortingBody}).
 */
@Component
class ObjectSource {

    private final S3Client s3;
    private final String bucket;

    ObjectSource(S3Client s3, UploadBucket upload) {
        this.s3 = s3;
        this.bucket = upload.bucket();
    }

    /** The object from byte {@code offset} on (an ingest resuming from its checkpoint). */
    InputStream openFrom(String key, long offset) {
        try {
            return new AbortingBody(s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + offset + "-")));
        } catch (NoSuchKeyException e) {
            throw new com.bulkimport.model.csv.UnreadableFile("UPLOAD_MISSING",
                    "the uploaded file is no longer in storage (" + key + ")");
        }
    }

    /** @throws com.bulkimport.model.csv.UnreadableFile when the object is gone */
    InputStream open(String key) {
        try {
            return new AbortingBody(s3.getObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            throw new com.bulkimport.model.csv.UnreadableFile("UPLOAD_MISSING",
                    "the uploaded file is no longer in storage (" + key + ")");
        }
    }
}
