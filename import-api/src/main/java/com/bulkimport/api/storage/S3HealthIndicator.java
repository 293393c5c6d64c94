package com.bulkimport.api.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;

/**
 * {@code s3} in readiness: HeadBucket on the upload bucket (s3:ListBucket, which the API has so a
 * missing upload is a 404). Without the bucket no upload can be checked or started. A probe must
 * answer quickly even when S3 does not, hence the short call timeout.
 */
@Component
class S3HealthIndicator extends AbstractHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final S3Client s3;
    private final StorageProperties storage;

    S3HealthIndicator(S3Client s3, StorageProperties storage) {
        super("S3 health check failed");
        this.s3 = s3;
        this.storage = storage;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        s3.headBucket(b -> b.bucket(storage.bucket()).overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT)));
        builder.up().withDetail("bucket", storage.bucket());
    }
}
