package com.bulkimport.infra.storage;

import com.bulkimport.infra.TemplateQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Private, encrypted, TLS only, browser PUTs from the UI's origin (the ETag exposed: a multipart upload's
 * completion needs each part's), uploads expire, and unfinished multipart uploads are dropped after 2 days.
 */
class UploadBucketUnitTest {

    static TemplateQueries template;
    static String bucket;

    @BeforeAll
    static void synth() {
        template = TemplateQueries.ofDefaultStack();
        bucket = template.ids("AWS::S3::Bucket").stream().filter(id -> id.startsWith("Uploads")).findFirst().orElseThrow();
    }

    @Test
    void isPrivateEncryptedAndTakesBrowserPutsFromTheUiOrigin() {
        // the uploads and the product images (ImagesBucketUnitTest)
        assertThat(template.ids("AWS::S3::Bucket")).hasSize(2);
        assertThat(template.properties(bucket)).isEqualTo(Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(
                        Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
                "CorsConfiguration", Map.of("CorsRules", List.of(Map.of(
                        "AllowedHeaders", List.of("*"),
                        "AllowedMethods", List.of("PUT"),
                        "AllowedOrigins", List.of("https://imports.example.com"),
                        "ExposedHeaders", List.of("ETag"),
                        "MaxAge", 3600))),
                "LifecycleConfiguration", Map.of("Rules", List.of(Map.of(
                        "Id", "expire-uploads",
                        "Prefix", "imports/",
                        "ExpirationInDays", 30,
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 2),
                        "Status", "Enabled")))));
        assertThat(template.resource(bucket)).containsEntry("DeletionPolicy", "Retain")
                .containsEntry("UpdateReplacePolicy", "Retain");
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesEveryRequestWithoutTls() {
        String policy = template.ids("AWS::S3::BucketPolicy").stream()
                .filter(id -> Map.of("Ref", bucket).equals(template.properties(id).get("Bucket"))).findFirst().orElseThrow();
        Map<String, Object> document = (Map<String, Object>) template.properties(policy).get("PolicyDocument");
        Map<String, Object> arn = Map.of("Fn::GetAtt", List.of(bucket, "Arn"));
        assertThat((List<Object>) document.get("Statement")).containsExactly(Map.of(
                "Action", "s3:*", "Effect", "Deny",
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                "Principal", Map.of("AWS", "*"),
                "Resource", List.of(arn, Map.of("Fn::Join", List.of("", List.of(arn, "/*"))))));
    }

    @Test
    void retentionAndOriginsComeFromTheSettings() {
        Stack stack = new Stack(new App(), "Bucket");
        UploadBucket uploads = new UploadBucket(stack, "Uploads", List.of("https://a.example", "https://b.example"), 7);
        TemplateQueries small = new TemplateQueries(Template.fromStack(stack), stack);
        Map<String, Object> props = small.properties(small.ids("AWS::S3::Bucket").get(0));
        assertThat(props.get("LifecycleConfiguration")).isEqualTo(Map.of("Rules", List.of(Map.of(
                "Id", "expire-uploads", "Prefix", "imports/", "ExpirationInDays", 7,
                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 2), "Status", "Enabled"))));
        assertThat(props.get("CorsConfiguration")).isEqualTo(Map.of("CorsRules", List.of(Map.of(
                "AllowedHeaders", List.of("*"), "AllowedMethods", List.of("PUT"),
                "AllowedOrigins", List.of("https://a.example", "https://b.example"),
                "ExposedHeaders", List.of("ETag"), "MaxAge", 3600))));
        assertThat(small.resolve(uploads.importsArn())).isEqualTo(Map.of("Fn::Join", List.of("",
                List.of(Map.of("Fn::GetAtt", List.of(small.ids("AWS::S3::Bucket").get(0), "Arn")), "/imports/*"))));
    }
}
