package com.bulkimport.api.storage;

import com.bulkimport.support.aws.BucketHealth;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code s3} in the API's readiness: without the upload bucket no upload can be checked or started. */
@Component
class S3HealthIndicator extends BucketHealth {

    S3HealthIndicator(S3Client s3, StorageProperties storage) {
        super(s3, storage.bucket());
    }
}
