package com.bulkimport.api.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * @param endpoint       S3 endpoint override (local S3Proxy); blank for AWS
 * @param uploadExpiry   how long a presigned upload URL stays valid
 * @param uploadPartSize how much of a file the API itself streams to S3 holds in memory at once (one
 *                       part of a multipart upload; S3 takes no part under 5 MB but the last)
 * @param multipart      the resumable multipart upload of big files straight from the client
 */
@ConfigurationProperties("bulkimport.s3")
public record StorageProperties(String endpoint, String bucket, Duration uploadExpiry, DataSize uploadPartSize,
                                Multipart multipart) {

    /** S3's smallest part (all but the last); S3Proxy holds uploads to it too (EntityTooSmall). */
    public static final DataSize MIN_PART = DataSize.ofMegabytes(5);

    public StorageProperties {
        uploadPartSize = uploadPartSize == null ? DataSize.ofMegabytes(8)
                : uploadPartSize.compareTo(MIN_PART) < 0 ? MIN_PART : uploadPartSize;
        multipart = multipart == null ? new Multipart(null, null, null, null) : multipart;
    }

    /**
     * @param threshold      a declared file of at least this many bytes is uploaded in parts (64 MB)
     * @param partSize       the part size planned for a file (16 MB; at least S3's 5 MB), grown for a file that
     *                       would otherwise need more than S3's 10,000 parts
     * @param partUrlExpiry  how long a presigned part URL stays valid (1 h; a client asks for fresh ones any time)
     * @param uploadWindow   how long a multipart job waits for its parts and its start before the sweeper fails it
     *                       UPLOAD_EXPIRED and aborts the upload (24 h): a resume works within it
     */
    public record Multipart(DataSize threshold, DataSize partSize, Duration partUrlExpiry, Duration uploadWindow) {

        /** Most part URLs one answer carries: the create's first ones, or one request's for more. */
        public static final int URLS_PER_REQUEST = 100;

        public Multipart {
            threshold = threshold == null ? DataSize.ofMegabytes(64) : threshold;
            partSize = partSize == null ? DataSize.ofMegabytes(16)
                    : partSize.compareTo(MIN_PART) < 0 ? MIN_PART : partSize;
            partUrlExpiry = partUrlExpiry == null ? Duration.ofHours(1) : partUrlExpiry;
            uploadWindow = uploadWindow == null ? Duration.ofHours(24) : uploadWindow;
        }
    }
}
