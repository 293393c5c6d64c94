package com.bulkimport.support.aws;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;

/**
 * {@code s3} in readiness: HeadBucket on the upload bucket (s3:ListBucket, which the API and the worker
 * have so that a missing object is a 404). Without the bucket no upload can be checked, started or read.
 * A probe must answer quickly even when S3 does not, hence the short call timeout.
 */
public class BucketHealth extends AbstractHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final S3Client s3;
    private final String bucket;

    public BucketHealth(S3Client s3, String bucket) {
        super("S3 health check failed");
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT)));
        builder.up().withDetail("bucket", bucket);
    }
}
