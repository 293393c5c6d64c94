package com.bulkimport.infra.alarms;

import com.bulkimport.infra.Names;
import com.bulkimport.infra.services.MetricsSidecar;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;


/** The alarms an operator is paged for, all sent to one topic. */
public class Alarms extends Construct {

    /** Outbox lag above this means events wait: imports stall even though every service looks healthy. */
    public static final int OUTBOX_LAG_SECONDS = 60;
    /** 5xx answers from the API's tasks in five minutes before anyone is told. */
    public static final int API_5XX_PER_5_MINUTES = 5;

    private final Names names;
    private final Topic topic;

    public Alarms(Construct scope, String id, Names names, String email) {
        super(scope, id);
        this.names = names;
        topic = Topic.Builder.create(this, "Topic").topicName(names.of("alarms"))
                .displayName("bulk-import " + names.stage().id() + " alarms").build();
        if (email != null) {
            topic.addSubscription(new EmailSubscription(email));
        }
    }

    /**
     * Work that failed five times, its job FAILED, not redriven yet: the worker's gauge of open dead letters,
     * exported by its metrics sidecar. The DLQ's own depth stays near zero, as the worker drains it at once.
     * Missing data keeps the state: a worker restart neither raises nor clears it.
     */
    public void openDeadLetters() {
        Metric open = Metric.Builder.create()
                .namespace(MetricsSidecar.NAMESPACE)
                .metricName("bulkimport_dead_letters_open")
                .dimensionsMap(MetricsSidecar.dimensions(names, "batch-worker"))
                .statistic("Maximum")
                .period(Duration.minutes(1))
                .build();
        notify(Alarm.Builder.create(this, "DeadLettersOpen")
                .alarmName(names.of("dead-letters-open"))
                .alarmDescription("Dead letters wait for an operator: work failed 5 times and its job FAILED;"
                        + " redrive or retry once the cause is fixed (README runbook: dead-letter queue)")
                .metric(open)
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.IGNORE)
                .build());
    }

    /**
     * Messages staying in the DLQ: the worker is not taking them off (down, or unable to record them). It
     * takes each one at once otherwise, so this is not how a dead letter is noticed: see {@link #openDeadLetters}.
     */
    public void deadLetters(IQueue dlq) {
        notify(Alarm.Builder.create(this, "DeadLetters")
                .alarmName(names.of("work-dlq-not-empty"))
                .alarmDescription("Messages stay in the dead-letter queue: the worker does not take them off"
                        + " (down, or unable to record them); see the runbook")
                .metric(dlq.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(1)).statistic("Maximum").build()))
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                // a dead letter passes through in seconds; three minutes in a row is one nobody takes
                .evaluationPeriods(3)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    /**
     * The relay's own gauge (age of the oldest pending outbox row), exported by its metrics sidecar.
     * Missing data breaches: relays that report nothing are relays that publish nothing.
     */
    public void outboxLag() {
        Metric lag = Metric.Builder.create()
                .namespace(MetricsSidecar.NAMESPACE)
                .metricName("bulkimport_outbox_lag_seconds")
                .dimensionsMap(MetricsSidecar.dimensions(names, "outbox-relay"))
                .statistic("Maximum")
                .period(Duration.minutes(1))
                .build();
        notify(Alarm.Builder.create(this, "OutboxLag")
                .alarmName(names.of("outbox-lag"))
                .alarmDescription("The oldest unpublished outbox event is older than " + OUTBOX_LAG_SECONDS + " s")
                .metric(lag)
                .threshold(OUTBOX_LAG_SECONDS)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(3)
                .datapointsToAlarm(2)
                .treatMissingData(TreatMissingData.BREACHING)
                .build());
    }

    public void api5xx(IApplicationLoadBalancer alb) {
        notify(Alarm.Builder.create(this, "Api5xx")
                .alarmName(names.of("api-5xx"))
                .alarmDescription("import-api answered 5xx; every API error should be a 4xx problem detail")
                .metric(alb.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, MetricOptions.builder()
                        .period(Duration.minutes(5)).statistic("Sum").build()))
                .threshold(API_5XX_PER_5_MINUTES)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    private void notify(Alarm alarm) {
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
    }

    public Topic topic() {
        return topic;
    }
}
