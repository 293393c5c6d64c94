package com.bulkimport.infra.services;

import com.bulkimport.infra.TemplateQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each task role holds exactly the statements its service needs, on exactly its resources. */
class LeastPrivilegeUnitTest {

    static TemplateQueries template;
    static Map<String, Object> bucketArn;
    static Map<String, Object> importsArn;
    static Map<String, Object> imagesBucketArn;
    static Map<String, Object> imagesArn;

    @BeforeAll
    static void synth() {
        template = TemplateQueries.ofDefaultStack();
        String bucket = template.ids("AWS::S3::Bucket").stream().filter(id -> id.startsWith("Uploads")).findFirst()
                .orElseThrow();
        bucketArn = Map.of("Fn::GetAtt", List.of(bucket, "Arn"));
        importsArn = Map.of("Fn::Join", List.of("", List.of(bucketArn, "/imports/*")));
        String images = template.ids("AWS::S3::Bucket").stream().filter(id -> id.startsWith("ProductImages"))
                .findFirst().orElseThrow();
        imagesBucketArn = Map.of("Fn::GetAtt", List.of(images, "Arn"));
        imagesArn = Map.of("Fn::Join", List.of("", List.of(imagesBucketArn, "/images/*")));
    }

    private static Map<String, Object> arnOf(String type, String property, String value) {
        return Map.of("Fn::GetAtt", List.of(template.idWhere(type, property, value), "Arn"));
    }

    @Test
    void relayMayOnlyPutEventsOnItsBusAndWriteItsMetricLogs() {
        String bus = template.ids("AWS::Events::EventBus").get(0);
        String metricsLogs = template.idWhere("AWS::Logs::LogGroup", "LogGroupName", "/bulk-import/dev/metrics/outbox-relay");
        assertThat(template.roleStatements("bulk-import-dev-outbox-relay", "TaskRoleArn")).containsExactly(
                Map.of("Sid", "PublishToBus", "Effect", "Allow", "Action", "events:PutEvents",
                        "Resource", Map.of("Fn::GetAtt", List.of(bus, "Arn"))),
                Map.of("Sid", "EmbeddedMetrics", "Effect", "Allow",
                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                        "Resource", Map.of("Fn::GetAtt", List.of(metricsLogs, "Arn"))));
    }

    @Test
    void workerConsumesItsQueueHandlesItsDeadLettersRedrivesReadsUploadsAndWritesItsMetricLogs() {
        String metricsLogs = template.idWhere("AWS::Logs::LogGroup", "LogGroupName", "/bulk-import/dev/metrics/batch-worker");
        assertThat(template.roleStatements("bulk-import-dev-batch-worker", "TaskRoleArn")).containsExactly(
                Map.of("Sid", "ConsumeWork", "Effect", "Allow",
                        "Action", List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                                "sqs:GetQueueAttributes", "sqs:SendMessage"),
                        "Resource", List.of(arnOf("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work-high"),
                                arnOf("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work"),
                                arnOf("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work-low"))),
                Map.of("Sid", "DeadLetters", "Effect", "Allow",
                        "Action", List.of("sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
                                "sqs:GetQueueAttributes"),
                        "Resource", arnOf("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work-dlq")),
                Map.of("Sid", "ReadUploads", "Effect", "Allow", "Action", "s3:GetObject", "Resource", importsArn),
                // the sweeper aborts the multipart upload of a job whose upload expired
                Map.of("Sid", "AbortExpiredUploads", "Effect", "Allow", "Action", "s3:AbortMultipartUpload",
                        "Resource", importsArn),
                Map.of("Sid", "MissingUploadIs404", "Effect", "Allow", "Action", "s3:ListBucket", "Resource", bucketArn),
                // product images: written and looked for (HEAD) under images/ only, never deleted
                Map.of("Sid", "StoreProductImages", "Effect", "Allow", "Action", List.of("s3:PutObject", "s3:GetObject"),
                        "Resource", imagesArn),
                Map.of("Sid", "MissingImageIs404", "Effect", "Allow", "Action", "s3:ListBucket",
                        "Resource", imagesBucketArn),
                Map.of("Sid", "EmbeddedMetrics", "Effect", "Allow",
                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                        "Resource", Map.of("Fn::GetAtt", List.of(metricsLogs, "Arn"))));
    }

    @Test
    void apiMayPresignPutsCheckUploadsAndRemoveRefusedOnesUnderImportsOnly() {
        assertThat(template.roleStatements("bulk-import-dev-import-api", "TaskRoleArn")).containsExactly(
                Map.of("Sid", "PresignAndCheckUploads", "Effect", "Allow",
                        "Action", List.of("s3:PutObject", "s3:GetObject"), "Resource", importsArn),
                // a refused upload leaves nothing: the object is deleted, a streamed multipart upload aborted
                Map.of("Sid", "RemoveRefusedUploads", "Effect", "Allow",
                        "Action", List.of("s3:DeleteObject", "s3:AbortMultipartUpload"), "Resource", importsArn),
                // what a client's multipart upload holds: its resume and its completion
                Map.of("Sid", "ListUploadedParts", "Effect", "Allow", "Action", "s3:ListMultipartUploadParts",
                        "Resource", importsArn),
                Map.of("Sid", "MissingUploadIs404", "Effect", "Allow", "Action", "s3:ListBucket", "Resource", bucketArn),
                // the read API's links to product images: read only
                Map.of("Sid", "LinkProductImages", "Effect", "Allow", "Action", "s3:GetObject", "Resource", imagesArn));
    }

    @Test
    void executionRolesReadTheDatabaseSecretAndOnlyTheApiAndWorkerTheSealingKey() {
        String secret = template.ids("AWS::SecretsManager::SecretTargetAttachment").get(0);
        Map<String, Object> readSecret = Map.of("Effect", "Allow",
                "Action", List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
                "Resource", Map.of("Ref", secret));
        String key = template.idWhere("AWS::SecretsManager::Secret", "Name", "bulk-import-dev-secrets-key");
        Map<String, Object> readKey = Map.of("Effect", "Allow",
                "Action", List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
                "Resource", Map.of("Ref", key));
        for (String service : List.of("import-api", "outbox-relay", "batch-worker")) {
            List<Map<String, Object>> statements = template.roleStatements("bulk-import-dev-" + service, "ExecutionRoleArn");
            List<Map<String, Object>> expected = service.equals("outbox-relay") ? List.of(readSecret) : List.of(readSecret, readKey);
            assertThat(statements.stream().filter(s -> s.toString().contains("secretsmanager")).toList())
                    .as(service).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void noTaskRoleHasAWildcardResource() {
        for (String service : List.of("import-api", "outbox-relay", "batch-worker")) {
            assertThat(template.roleStatements("bulk-import-dev-" + service, "TaskRoleArn"))
                    .as(service).noneMatch(s -> "*".equals(s.get("Resource")));
        }
    }
}
