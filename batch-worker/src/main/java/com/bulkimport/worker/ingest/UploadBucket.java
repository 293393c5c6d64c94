package com.bulkimport.worker.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bulkimport.s3.*}: where uploads are.
 *
 * @param endpoint S3 endpoint override (S3Proxy locally); blank for AWS
 * @param bucket   the upload bucket
 */
@ConfigurationProperties("bulkimport.s3")
public record UploadBucket(String endpoint, String bucket) {
}
