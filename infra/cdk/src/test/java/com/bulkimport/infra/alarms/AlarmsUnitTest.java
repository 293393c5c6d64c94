package com.bulkimport.infra.alarms;

import com.bulkimport.infra.Names;
import com.bulkimport.infra.Stage;
import com.bulkimport.infra.TemplateQueries;
import com.bulkimport.infra.services.RelayService;
import com.bulkimport.infra.services.WorkerService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Open dead letters, DLQ depth, outbox lag and API 5xx alarms, each telling the one topic when it fires and when it clears. */
class AlarmsUnitTest {

    static TemplateQueries template;
    static Map<String, Object> topic;

    @BeforeAll
    static void synth() {
        template = TemplateQueries.ofDefaultStack();
        topic = Map.of("Ref", template.idWhere("AWS::SNS::Topic", "TopicName", "bulk-import-dev-alarms"));
    }

    private static Map<String, Object> alarm(String name) {
        return template.properties(template.idWhere("AWS::CloudWatch::Alarm", "AlarmName", name));
    }

    @Test
    void messagesStayingInTheDeadLetterQueueForThreeMinutesAlarm() {
        String dlq = template.idWhere("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work-dlq");
        assertThat(alarm("bulk-import-dev-work-dlq-not-empty")).isEqualTo(Map.ofEntries(
                Map.entry("AlarmName", "bulk-import-dev-work-dlq-not-empty"),
                Map.entry("AlarmDescription", "Messages stay in the dead-letter queue: the worker does not take them off"
                        + " (down, or unable to record them); see the runbook"),
                Map.entry("Namespace", "AWS/SQS"),
                Map.entry("MetricName", "ApproximateNumberOfMessagesVisible"),
                Map.entry("Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(dlq, "QueueName"))))),
                Map.entry("Statistic", "Maximum"),
                Map.entry("Period", 60),
                Map.entry("Threshold", 1),
                Map.entry("ComparisonOperator", "GreaterThanOrEqualToThreshold"),
                Map.entry("EvaluationPeriods", 3),
                Map.entry("TreatMissingData", "notBreaching"),
                Map.entry("AlarmActions", List.of(topic)),
                Map.entry("OKActions", List.of(topic))));
    }

    @Test
    void anOpenDeadLetterAlarmsUntilItIsRedriven() {
        assertThat(alarm("bulk-import-dev-dead-letters-open")).isEqualTo(Map.ofEntries(
                Map.entry("AlarmName", "bulk-import-dev-dead-letters-open"),
                Map.entry("AlarmDescription", "Dead letters wait for an operator: work failed 5 times and its job FAILED;"
                        + " redrive or retry once the cause is fixed (README runbook: dead-letter queue)"),
                Map.entry("Namespace", "BulkImport"),
                Map.entry("MetricName", "bulkimport_dead_letters_open"),
                Map.entry("Dimensions", List.of(Map.of("Name", "service", "Value", "batch-worker"),
                        Map.of("Name", "stage", "Value", "dev"))),
                Map.entry("Statistic", "Maximum"),
                Map.entry("Period", 60),
                Map.entry("Threshold", 1),
                Map.entry("ComparisonOperator", "GreaterThanOrEqualToThreshold"),
                Map.entry("EvaluationPeriods", 1),
                // no worker reporting (a deployment, a restart) neither raises nor clears it
                Map.entry("TreatMissingData", "ignore"),
                Map.entry("AlarmActions", List.of(topic)),
                Map.entry("OKActions", List.of(topic))));
        // the alarm reads a series the worker's metrics sidecar exports
        assertThat(WorkerService.EXPORTED_METRICS).contains("bulkimport_dead_letters_open");
    }

    @Test
    void outboxLagOverAMinuteOrSilentRelaysAlarm() {
        assertThat(alarm("bulk-import-dev-outbox-lag")).isEqualTo(Map.ofEntries(
                Map.entry("AlarmName", "bulk-import-dev-outbox-lag"),
                Map.entry("AlarmDescription", "The oldest unpublished outbox event is older than 60 s"),
                Map.entry("Namespace", "BulkImport"),
                Map.entry("MetricName", "bulkimport_outbox_lag_seconds"),
                // the stage is a dimension: another stage's relays in the same account never feed this alarm
                Map.entry("Dimensions", List.of(Map.of("Name", "service", "Value", "outbox-relay"),
                        Map.of("Name", "stage", "Value", "dev"))),
                Map.entry("Statistic", "Maximum"),
                Map.entry("Period", 60),
                Map.entry("Threshold", 60),
                Map.entry("ComparisonOperator", "GreaterThanThreshold"),
                Map.entry("EvaluationPeriods", 3),
                Map.entry("DatapointsToAlarm", 2),
                Map.entry("TreatMissingData", "breaching"),
                Map.entry("AlarmActions", List.of(topic)),
                Map.entry("OKActions", List.of(topic))));
        // the alarm reads a series the relay's metrics sidecar exports
        assertThat(RelayService.EXPORTED_METRICS).contains("bulkimport_outbox_lag_seconds");
    }

    @Test
    void apiFiveHundredsAlarmAtFivePerFiveMinutes() {
        String alb = template.ids("AWS::ElasticLoadBalancingV2::LoadBalancer").get(0);
        assertThat(alarm("bulk-import-dev-api-5xx")).isEqualTo(Map.ofEntries(
                Map.entry("AlarmName", "bulk-import-dev-api-5xx"),
                Map.entry("AlarmDescription", "import-api answered 5xx; every API error should be a 4xx problem detail"),
                Map.entry("Namespace", "AWS/ApplicationELB"),
                Map.entry("MetricName", "HTTPCode_Target_5XX_Count"),
                Map.entry("Dimensions", List.of(Map.of("Name", "LoadBalancer",
                        "Value", Map.of("Fn::GetAtt", List.of(alb, "LoadBalancerFullName"))))),
                Map.entry("Statistic", "Sum"),
                Map.entry("Period", 300),
                Map.entry("Threshold", 5),
                Map.entry("ComparisonOperator", "GreaterThanOrEqualToThreshold"),
                Map.entry("EvaluationPeriods", 1),
                Map.entry("TreatMissingData", "notBreaching"),
                Map.entry("AlarmActions", List.of(topic)),
                Map.entry("OKActions", List.of(topic))));
    }

    @Test
    void anAlarmEmailSubscribesToTheTopic() {
        Stack stack = new Stack(new App(), "Alarms");
        new Alarms(stack, "Alarms", new Names(Stage.QA), "oncall@example.com");
        TemplateQueries small = new TemplateQueries(Template.fromStack(stack), stack);
        String subscription = small.ids("AWS::SNS::Subscription").get(0);
        assertThat(small.properties(subscription)).isEqualTo(Map.of("Protocol", "email",
                "Endpoint", "oncall@example.com", "TopicArn", Map.of("Ref", small.ids("AWS::SNS::Topic").get(0))));
        assertThat(template.ids("AWS::SNS::Subscription")).isEmpty();
    }
}
