package com.bulkimport.infra.storage;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * Product images (docs/architecture.md, "Product images"): the worker writes three JPEGs per distinct image under
 * {@code images/}, named by the SHA-256 of the downloaded bytes; the API signs GET links to them. Private (the links
 * are presigned), encrypted, TLS only, kept when the stack goes. An image no product uses any more is an orphan: an
 * object tagged {@code orphan=true} expires after {@link #ORPHAN_DAYS} days, and an unfinished multipart upload after
 * one day.
 */
public class ImagesBucket extends Construct {

    public static final String IMAGES_PREFIX = "images/";
    public static final int ORPHAN_DAYS = 30;

    private final Bucket bucket;

    public ImagesBucket(Construct scope, String id) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-orphans")
                        .prefix(IMAGES_PREFIX)
                        .tagFilters(Map.of("orphan", "true"))
                        .expiration(Duration.days(ORPHAN_DAYS))
                        .build(), LifecycleRule.builder()
                        .id("abort-incomplete-uploads")
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .build();
    }

    public Bucket bucket() {
        return bucket;
    }

    /** ARN pattern of every stored image, for IAM statements. */
    public String imagesArn() {
        return bucket.arnForObjects(IMAGES_PREFIX + "*");
    }
}
