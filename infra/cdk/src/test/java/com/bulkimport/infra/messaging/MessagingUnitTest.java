package com.bulkimport.infra.messaging;

import com.bulkimport.infra.BulkImportStack;
import com.bulkimport.infra.SynthesizedStack;
import com.bulkimport.infra.TemplateQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bus, its rule and the work queues, as the shared rule file describes them. */
class MessagingUnitTest {

    static TemplateQueries template;
    static BulkImportStack stack;

    @BeforeAll
    static void synth() {
        template = TemplateQueries.ofDefaultStack();
        stack = SynthesizedStack.stack();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sharedPattern(String ruleName) throws Exception {
        try (InputStream in = MessagingUnitTest.class.getResourceAsStream("/bulkimport/event-rules.json")) {
            Map<String, Object> root = JsonMapper.builder().build().readValue(in, Map.class);
            Map<String, Object> rule = ((List<Map<String, Object>>) root.get("rules")).stream()
                    .filter(r -> r.get("name").equals(ruleName)).findFirst().orElseThrow();
            return (Map<String, Object>) rule.get("event_pattern");
        }
    }

    @Test
    void createsTheNamedEventBus() {
        assertThat(template.ids("AWS::Events::EventBus")).hasSize(1);
        assertThat(template.properties(template.ids("AWS::Events::EventBus").get(0))).isEqualTo(Map.of("Name", "bulk-import-dev"));
    }

    @Test
    void workQueueHasADeadLetterQueueAfterFiveReceivesAndSixBatchTimesOfVisibility() {
        assertThat(template.ids("AWS::SQS::Queue")).extracting(id -> template.properties(id).get("QueueName"))
                .containsExactlyInAnyOrder("bulk-import-dev-work", "bulk-import-dev-work-dlq",
                        "bulk-import-dev-work-high", "bulk-import-dev-work-low",
                        "bulk-import-dev-subscribers", "bulk-import-dev-subscribers-dlq",
                        "bulk-import-dev-notifications", "bulk-import-dev-notifications-dlq");
        String dlq = template.idWhere("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work-dlq");
        assertThat(template.properties(template.idWhere("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work")))
                .isEqualTo(Map.of(
                        "QueueName", "bulk-import-dev-work",
                        "VisibilityTimeout", 120,
                        "MessageRetentionPeriod", 345_600,
                        "SqsManagedSseEnabled", true,
                        "RedrivePolicy", Map.of("maxReceiveCount", 5,
                                "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(dlq, "Arn")))));
        assertThat(template.properties(dlq)).isEqualTo(Map.of("QueueName", "bulk-import-dev-work-dlq",
                "MessageRetentionPeriod", 1_209_600, "SqsManagedSseEnabled", true));
    }

    @Test
    void eachPriorityLaneHasItsRuleAndQueueAndTheirDeadLettersGoToTheWorkDlq() throws Exception {
        String dlq = template.idWhere("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work-dlq");
        for (String lane : List.of("high", "low")) {
            String queue = template.idWhere("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work-" + lane);
            assertThat(template.properties(queue)).containsEntry("VisibilityTimeout", 120)
                    .containsEntry("RedrivePolicy", Map.of("maxReceiveCount", 5,
                            "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(dlq, "Arn"))));
            assertThat(template.properties(template.idWhere("AWS::Events::Rule", "Name",
                    "bulk-import-dev-import-work-" + lane)))
                    .containsEntry("EventPattern", sharedPattern("import-work-" + lane))
                    .containsEntry("Targets", List.of(Map.of("Id", "work-" + lane, "InputPath", "$.detail",
                            "Arn", Map.of("Fn::GetAtt", List.of(queue, "Arn")))));
        }
    }

    @Test
    void theRuleUsesThePatternFromTheSharedFileAndDeliversTheEnvelope() throws Exception {
        String queue = template.idWhere("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work");
        String bus = template.ids("AWS::Events::EventBus").get(0);
        assertThat(template.ids("AWS::Events::Rule")).extracting(id -> template.properties(id).get("Name"))
                .containsExactlyInAnyOrder("bulk-import-dev-import-work", "bulk-import-dev-import-work-high",
                        "bulk-import-dev-import-work-low", "bulk-import-dev-record-changes",
                        "bulk-import-dev-job-completions");
        assertThat(template.properties(template.idWhere("AWS::Events::Rule", "Name", "bulk-import-dev-import-work")))
                .isEqualTo(Map.of(
                "Name", "bulk-import-dev-import-work",
                "Description", "Work for batch workers: ingest a started job, apply a ready batch, fetch a finished job's"
                        + " failed images again (normal priority, or none said)",
                "EventBusName", Map.of("Ref", bus),
                "EventPattern", sharedPattern("import-work"),
                "State", "ENABLED",
                "Targets", List.of(Map.of("Id", "work", "InputPath", "$.detail",
                        "Arn", Map.of("Fn::GetAtt", List.of(queue, "Arn"))))));
        assertThat(template.properties(template.idWhere("AWS::Events::Rule", "Name", "bulk-import-dev-record-changes")))
                .containsEntry("EventPattern", sharedPattern("record-changes"))
                .containsEntry("Targets", List.of(Map.of("Id", "subscribers", "InputPath", "$.detail", "Arn",
                        Map.of("Fn::GetAtt", List.of(template.idWhere("AWS::SQS::Queue", "QueueName",
                                "bulk-import-dev-subscribers"), "Arn")))));
    }

    @Test
    void finishedJobsReachTheNotificationsQueueAndTheCompletionsTopic() throws Exception {
        String queue = template.idWhere("AWS::SQS::Queue", "QueueName", "bulk-import-dev-notifications");
        String topic = template.idWhere("AWS::SNS::Topic", "TopicName", "bulk-import-dev-completions");
        String rule = template.idWhere("AWS::Events::Rule", "Name", "bulk-import-dev-job-completions");
        assertThat(template.properties(rule)).containsEntry("EventPattern", sharedPattern("job-completions"))
                .containsEntry("Targets", List.of(
                        Map.of("Id", "notifications", "InputPath", "$.detail", "Arn", Map.of("Fn::GetAtt", List.of(queue, "Arn"))),
                        Map.of("Id", "completions", "InputPath", "$.detail", "Arn", Map.of("Ref", topic))));
        assertThat(template.ids("AWS::KMS::Key")).anySatisfy(key -> {
            assertThat(template.properties(topic)).containsEntry("KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn")));
            assertThat(template.properties(key)).containsEntry("EnableKeyRotation", true);
            assertThat(template.properties(key).get("KeyPolicy").toString()).contains("events.amazonaws.com")
                    .contains("kms:GenerateDataKey*").contains("kms:Decrypt");
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) template.properties(
                template.ids("AWS::SNS::TopicPolicy").stream().filter(id -> template.properties(id).get("Topics")
                        .equals(List.of(Map.of("Ref", topic)))).findFirst().orElseThrow()).get("PolicyDocument"))
                .get("Statement");
        assertThat(statements).anySatisfy(statement -> assertThat(statement)
                .containsEntry("Action", "sns:Publish")
                .containsEntry("Principal", Map.of("Service", "events.amazonaws.com"))
                .containsEntry("Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", Map.of("Fn::GetAtt",
                        List.of(rule, "Arn"))))));
    }

    @Test
    void theBusKeepsItsEventsInAnArchiveForReplay() {
        String bus = template.ids("AWS::Events::EventBus").get(0);
        assertThat(template.ids("AWS::Events::Archive")).hasSize(1);
        assertThat(template.properties(template.ids("AWS::Events::Archive").get(0)))
                .containsEntry("ArchiveName", "bulk-import-dev-events")
                .containsEntry("SourceArn", Map.of("Fn::GetAtt", List.of(bus, "Arn")))
                .containsEntry("RetentionDays", 7);
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyThisRuleMaySendToTheWorkQueueAndOnlyOverTls() {
        String queue = template.idWhere("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work");
        String rule = template.idWhere("AWS::Events::Rule", "Name", "bulk-import-dev-import-work");
        String policy = template.ids("AWS::SQS::QueuePolicy").stream()
                .filter(id -> template.properties(id).get("Queues").equals(List.of(Map.of("Ref", queue))))
                .findFirst().orElseThrow();
        List<Map<String, Object>> statements = (List<Map<String, Object>>)
                ((Map<String, Object>) template.properties(policy).get("PolicyDocument")).get("Statement");
        assertThat(statements).containsExactly(
                Map.of("Action", "sqs:*", "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                        "Principal", Map.of("AWS", "*"),
                        "Resource", Map.of("Fn::GetAtt", List.of(queue, "Arn"))),
                Map.of("Action", "sqs:SendMessage", "Effect", "Allow",
                        "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", Map.of("Fn::GetAtt", List.of(rule, "Arn")))),
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Resource", Map.of("Fn::GetAtt", List.of(queue, "Arn"))));
    }

    @Test
    void visibilityMustCoverSixTimesTheLongestBatch() {
        EventRouting.Queue work = new EventRouting.Queue("w", "w-dlq", 5, 120);
        Messaging.checkVisibility("work", work, 20);
        assertThatThrownBy(() -> Messaging.checkVisibility("work", work, 21))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue work: visibility timeout 120 s is below 6 x 21 s = 126 s;"
                        + " raise it in infra/event-rules.json or lower maxBatchSeconds");
    }
}
