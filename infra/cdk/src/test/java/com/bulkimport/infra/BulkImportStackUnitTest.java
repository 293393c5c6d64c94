package com.bulkimport.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Synthesizes the stack offline and checks the CloudFormation it would deploy. */
class BulkImportStackUnitTest {

    static Template template;

    @BeforeAll
    static void synth() {
        App app = new App();
        BulkImportStack stack = new BulkImportStack(app, "Test", StackProps.builder().build(),
                List.of("https://imports.example.com"));
        template = Template.fromStack(stack);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sharedPattern() throws Exception {
        try (InputStream in = BulkImportStackUnitTest.class.getResourceAsStream("/bulkimport/event-rules.json")) {
            Map<String, Object> root = JsonMapper.builder().build().readValue(in, Map.class);
            Map<String, Object> rule = ((List<Map<String, Object>>) root.get("rules")).get(0);
            return (Map<String, Object>) rule.get("event_pattern");
        }
    }

    @Test
    void createsTheNamedEventBus() {
        template.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "bulk-import"));
    }

    @Test
    void workQueueHasADeadLetterQueueAfterFiveReceives() {
        template.resourceCountIs("AWS::SQS::Queue", 2);
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "QueueName", "bulk-import-work",
                "VisibilityTimeout", 120,
                "RedrivePolicy", Map.of("maxReceiveCount", 5, "deadLetterTargetArn", Match.anyValue())));
        template.hasResourceProperties("AWS::SQS::Queue", Map.of("QueueName", "bulk-import-work-dlq",
                "MessageRetentionPeriod", 1_209_600));
    }

    @Test
    void theRuleUsesThePatternFromTheSharedFileAndDeliversTheEnvelope() throws Exception {
        Map<String, Object> pattern = sharedPattern();
        assertThat(pattern).containsKeys("source", "detail-type");
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Name", "import-work",
                "EventPattern", pattern,
                "State", "ENABLED",
                "Targets", List.of(Map.of("Id", "work", "InputPath", "$.detail", "Arn", Match.anyValue()))));
    }

    @Test
    void onlyEventBridgeMaySendToTheWorkQueue() {
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "sqs:SendMessage",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "events.amazonaws.com"))))))));
    }

    @Test
    void theUploadBucketIsPrivateEncryptedAndTakesBrowserPuts() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Match.objectLike(Map.of()),
                "CorsConfiguration", Map.of("CorsRules", List.of(Match.objectLike(Map.of(
                        "AllowedMethods", List.of("PUT"), "AllowedOrigins", List.of("https://imports.example.com"))))),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Prefix", "imports/", "ExpirationInDays", 30)))))));
    }
}
