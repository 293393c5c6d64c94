package com.bulkimport.api.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * @param endpoint       S3 endpoint override (local S3Proxy); blank for AWS
 * @param uploadExpiry   how long a presigned upload URL stays valid
 * @param uploadPartSize how much of a file the API itself streams to S3 holds in memory at once (one
 *                       part of a multipart upload; S3 takes no part under 5 MB but the last)
 */
@ConfigurationProperties("bulkimport.s3")
public record StorageProperties(String endpoint, String bucket, Duration uploadExpiry, DataSize uploadPartSize) {

    static final DataSize MIN_PART = DataSize.ofMegabytes(5);

    public StorageProperties {
        uploadPartSize = uploadPartSize == null ? DataSize.ofMegabytes(8)
                : uploadPartSize.compareTo(MIN_PART) < 0 ? MIN_PART : uploadPartSize;
    }
}
