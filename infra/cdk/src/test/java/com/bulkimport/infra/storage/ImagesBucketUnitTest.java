package com.bulkimport.infra.storage;

import com.bulkimport.infra.TemplateQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Product images: private, encrypted, kept with the stack, orphans (tagged) expire; TLS only. */
class ImagesBucketUnitTest {

    static TemplateQueries template;
    static String bucket;

    @BeforeAll
    static void synth() {
        template = TemplateQueries.ofDefaultStack();
        bucket = template.ids("AWS::S3::Bucket").stream().filter(id -> id.startsWith("ProductImages")).findFirst()
                .orElseThrow();
    }

    @Test
    void isPrivateEncryptedAndExpiresOrphans() {
        assertThat(template.properties(bucket)).isEqualTo(Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(
                        Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
                "LifecycleConfiguration", Map.of("Rules", List.of(
                        Map.of("Id", "expire-orphans", "Prefix", "images/", "ExpirationInDays", 30,
                                "TagFilters", List.of(Map.of("Key", "orphan", "Value", "true")), "Status", "Enabled"),
                        Map.of("Id", "abort-incomplete-uploads",
                                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1),
                                "Status", "Enabled")))));
        assertThat(template.resource(bucket)).containsEntry("DeletionPolicy", "Retain");
        String policy = template.ids("AWS::S3::BucketPolicy").stream()
                .filter(id -> Map.of("Ref", bucket).equals(template.properties(id).get("Bucket"))).findFirst().orElseThrow();
        assertThat(template.properties(policy).get("PolicyDocument").toString()).contains("aws:SecureTransport");
    }
}
