package com.bulkimport.worker.ingest;

import com.bulkimport.support.aws.BucketHealth;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code s3} in the worker's readiness: the upload bucket it reads files from. */
@Component
class S3HealthIndicator extends BucketHealth {

    S3HealthIndicator(S3Client s3, UploadBucket upload) {
        super(s3, upload.bucket());
    }
}
