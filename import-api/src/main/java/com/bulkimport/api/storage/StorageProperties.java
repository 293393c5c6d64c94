package com.bulkimport.api.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param endpoint     S3 endpoint override (local S3Proxy); blank for AWS
 * @param uploadExpiry how long a presigned upload URL stays valid
 */
@ConfigurationProperties("bulkimport.s3")
public record StorageProperties(String endpoint, String bucket, Duration uploadExpiry) {
}
