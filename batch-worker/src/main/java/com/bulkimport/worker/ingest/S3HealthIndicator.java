package com.bulkimport.worker.ingest;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;

/**
 * {@code s3} in readiness: HeadBucket on the upload bucket (s3:ListBucket, which the worker has so a
 * vanished file is a 404). A probe must answer quickly even when S3 does not, hence the short timeout.
 */
@Component
class S3HealthIndicator extends AbstractHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final S3Client s3;
    private final String bucket;

    S3HealthIndicator(S3Client s3, UploadBucket upload) {
        super("S3 health check failed");
        this.s3 = s3;
        this.bucket = upload.bucket();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT)));
        builder.up().withDetail("bucket", bucket);
    }
}
