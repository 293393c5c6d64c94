package com.bulkimport.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messaging and storage core of bulk-import on AWS: the event bus and its rules (from the
 * shared rule file), the work queue with its dead-letter queue, and the upload bucket.
 */
public class BulkImportStack extends Stack {

    private final EventBus bus;
    private final Map<String, Queue> queues = new HashMap<>();
    private final Bucket uploads;

    /** @param uploadOrigins browser origins allowed to PUT to presigned URLs (the web UI's origin) */
    public BulkImportStack(Construct scope, String id, StackProps props, List<String> uploadOrigins) {
        super(scope, id, props);
        EventRouting routing = EventRouting.load();
        bus = EventBus.Builder.create(this, "Bus").eventBusName(routing.busName()).build();
        routing.queues().forEach((key, spec) -> queues.put(key, queue(key, spec)));
        for (EventRouting.Rule rule : routing.rules()) {
            rule(rule);
        }
        uploads = Bucket.Builder.create(this, "Uploads")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .cors(List.of(CorsRule.builder().allowedMethods(List.of(HttpMethods.PUT))
                        .allowedOrigins(uploadOrigins).allowedHeaders(List.of("*")).maxAge(3600).build()))
                .lifecycleRules(List.of(LifecycleRule.builder().prefix("imports/").expiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1)).build()))
                .build();
    }

    private Queue queue(String key, EventRouting.Queue spec) {
        Queue dlq = Queue.Builder.create(this, id(key) + "DeadLetters").queueName(spec.deadLetterQueue())
                .retentionPeriod(Duration.days(14)).encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true).build();
        return Queue.Builder.create(this, id(key) + "Queue").queueName(spec.name())
                .visibilityTimeout(Duration.seconds(spec.visibilityTimeoutSeconds()))
                .retentionPeriod(Duration.days(4))
                .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(spec.maxReceiveCount()).build())
                .build();
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
        CfnRule cfnRule = CfnRule.Builder.create(this, id(rule.name()) + "Rule")
                .name(rule.name())
                .description(rule.description())
                .eventBusName(bus.getEventBusName())
                .eventPattern(rule.pattern())
                .state("ENABLED")
                .targets(List.of(targetProps.build()))
                .build();
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

    public Bucket uploads() {
        return uploads;
    }
}
