package com.bulkimport.infra.messaging;

import com.bulkimport.infra.Names;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Archive;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event bus, its rules and the queues they feed, all from the shared rule file, so AWS routes
 * exactly as the local PutEvents endpoint does.
 */
public class Messaging extends Construct {

    /** A slow batch must not be redelivered while its worker still holds it, with room for retries. */
    static final int VISIBILITY_PER_BATCH_TIME = 6;

    private final Names names;
    private final EventBus bus;
    private final Map<String, Queue> queues = new HashMap<>();
    private final Map<String, Queue> deadLetterQueues = new HashMap<>();
    private final Map<String, Queue> dlqByName = new HashMap<>();
    private final Map<String, Topic> topics = new HashMap<>();

    /**
     * @param maxBatchSeconds the longest a worker may spend on one message
     * @param names           the stage's: the rule file's names get the stage (bus, queues, rules)
     * @param archiveDays     how long the bus's archive keeps events for replay
     */
    public Messaging(Construct scope, String id, EventRouting routing, int maxBatchSeconds, Names names,
                     int archiveDays) {
        super(scope, id);
        this.names = names;
        bus = EventBus.Builder.create(this, "Bus").eventBusName(names.of(routing.busName())).build();
        routing.queues().forEach((key, spec) -> {
            checkVisibility(key, spec, maxBatchSeconds);
            queue(key, spec);
        });
        routing.topics().forEach((key, name) -> topics.put(key, topic(key, name)));
        if (routing.archiveName() != null) {
            // every event of the bus (only this system writes to it), replayable into it: EventBridge's own archive
            Archive.Builder.create(this, "Archive").archiveName(names.of(routing.archiveName()))
                    .sourceEventBus(bus).eventPattern(EventPattern.builder().account(List.of(
                            software.amazon.awscdk.Stack.of(this).getAccount())).build())
                    .retention(Duration.days(archiveDays)).build();
        }
        for (EventRouting.Rule rule : routing.rules()) {
            rule(rule);
        }
    }

    static void checkVisibility(String key, EventRouting.Queue spec, int maxBatchSeconds) {
        int needed = VISIBILITY_PER_BATCH_TIME * maxBatchSeconds;
        if (spec.visibilityTimeoutSeconds() < needed) {
            throw new IllegalArgumentException("queue " + key + ": visibility timeout "
                    + spec.visibilityTimeoutSeconds() + " s is below " + VISIBILITY_PER_BATCH_TIME + " x "
                    + maxBatchSeconds + " s = " + needed + " s; raise it in infra/event-rules.json or lower maxBatchSeconds");
        }
    }

    /** Queues that name the same dead-letter queue share it (the work lanes: one DLQ for all priorities). */
    private void queue(String key, EventRouting.Queue spec) {
        Queue dlq = dlqByName.computeIfAbsent(spec.deadLetterQueue(), name -> Queue.Builder.create(this,
                        id(key) + "DeadLetters").queueName(names.of(name))
                .retentionPeriod(Duration.days(14)).encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true).build());
        Queue queue = Queue.Builder.create(this, id(key) + "Queue").queueName(names.of(spec.name()))
                .visibilityTimeout(Duration.seconds(spec.visibilityTimeoutSeconds()))
                .retentionPeriod(Duration.days(4))
                .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(spec.maxReceiveCount()).build())
                .build();
        queues.put(key, queue);
        deadLetterQueues.put(key, dlq);
    }

    /**
     * Encrypted with a key of its own: SNS's AWS-managed key would not let EventBridge publish (its policy
     * admits no service principal), so the rule's deliveries would fail.
     */
    private Topic topic(String key, String name) {
        Key encryption = Key.Builder.create(this, id(key) + "TopicKey").enableKeyRotation(true)
                .description("encrypts the " + names.of(name) + " topic").build();
        encryption.grant(new ServicePrincipal("events.amazonaws.com"), "kms:GenerateDataKey*", "kms:Decrypt");
        return Topic.Builder.create(this, id(key) + "Topic").topicName(names.of(name)).enforceSsl(true)
                .masterKey(encryption).build();
    }

    /** The pattern goes in verbatim, so AWS matches exactly what the local endpoint's event-ruler matches. */
    private void rule(EventRouting.Rule rule) {
        Queue target = queues.get(rule.queue());
        if (target == null) {
            throw new IllegalStateException("rule " + rule.name() + " targets unknown queue " + rule.queue());
        }
        CfnRule.TargetProperty.Builder targetProps = CfnRule.TargetProperty.builder()
                .id(rule.queue()).arn(target.getQueueArn());
        if (rule.inputPath() != null) {
            targetProps.inputPath(rule.inputPath());
        }
        List<CfnRule.TargetProperty> targets = new java.util.ArrayList<>(List.of(targetProps.build()));
        Topic topic = rule.topic() == null ? null : topics.get(rule.topic());
        if (rule.topic() != null && topic == null) {
            throw new IllegalStateException("rule " + rule.name() + " targets unknown topic " + rule.topic());
        }
        if (topic != null) {
            CfnRule.TargetProperty.Builder topicTarget = CfnRule.TargetProperty.builder().id(rule.topic())
                    .arn(topic.getTopicArn());
            if (rule.inputPath() != null) {
                topicTarget.inputPath(rule.inputPath());
            }
            targets.add(topicTarget.build());
        }
        CfnRule cfnRule = CfnRule.Builder.create(this, id(rule.name()) + "Rule")
                .name(names.of(rule.name()))
                .description(rule.description())
                .eventBusName(bus.getEventBusName())
                .eventPattern(rule.pattern())
                .state("ENABLED")
                .targets(targets)
                .build();
        if (topic != null) {
            topic.addToResourcePolicy(PolicyStatement.Builder.create()
                    .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                    .actions(List.of("sns:Publish"))
                    .resources(List.of(topic.getTopicArn()))
                    .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", cfnRule.getAttrArn())))
                    .build());
        }
        target.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(target.getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", cfnRule.getAttrArn())))
                .build());
    }

    private static String id(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    public EventBus bus() {
        return bus;
    }

    public Queue queue(String key) {
        return queues.get(key);
    }

    public Topic topic(String key) {
        return topics.get(key);
    }

    public Queue deadLetterQueue(String key) {
        return deadLetterQueues.get(key);
    }
}
