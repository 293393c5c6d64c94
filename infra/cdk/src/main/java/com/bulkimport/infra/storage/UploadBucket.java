package com.bulkimport.infra.storage;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

import java.util.List;

/**
 * Where browsers PUT their files through presigned URLs. Private and encrypted; uploads live under
 * {@code imports/} and expire, because a finished import needs its file only for a while (retention).
 */
public class UploadBucket extends Construct {

    /** Every object key the API presigns starts with this. */
    public static final String IMPORTS_PREFIX = "imports/";
    /** Days after which S3 drops an unfinished multipart upload: more than the API's upload window (24 h). */
    public static final int ABORT_INCOMPLETE_UPLOADS_DAYS = 2;

    private final Bucket bucket;

    public UploadBucket(Construct scope, String id, List<String> uploadOrigins, int retentionDays) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                // the browser PUTs straight to S3; ETag is exposed so a client can compare checksums
                .cors(List.of(CorsRule.builder()
                        .allowedMethods(List.of(HttpMethods.PUT))
                        .allowedOrigins(uploadOrigins)
                        .allowedHeaders(List.of("*"))
                        .exposedHeaders(List.of("ETag"))
                        .maxAge(3600).build()))
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-uploads")
                        .prefix(IMPORTS_PREFIX)
                        .expiration(Duration.days(retentionDays))
                        // a client that gave up mid-upload leaves parts that would be billed forever; the API and the
                        // sweeper abort the uploads they know of, this catches the rest. Two days: never before the
                        // API's multipart upload window (24 h, bulkimport.s3.multipart.upload-window) has passed
                        .abortIncompleteMultipartUploadAfter(Duration.days(ABORT_INCOMPLETE_UPLOADS_DAYS))
                        .build()))
                .build();
    }

    public Bucket bucket() {
        return bucket;
    }

    /** ARN pattern of every upload, for IAM statements. */
    public String importsArn() {
        return bucket.arnForObjects(IMPORTS_PREFIX + "*");
    }
}
