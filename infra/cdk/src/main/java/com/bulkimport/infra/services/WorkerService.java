package com.bulkimport.infra.services;

import com.bulkimport.infra.storage.UploadBucket;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentType;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.ScalingInterval;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.applicationautoscaling.BasicStepScalingPolicyProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.Identity;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * batch-worker: as many tasks as the work queue's backlog calls for, between one and the configured maximum.
 * A sidecar exports the open dead letters to CloudWatch (the DLQ itself is drained by the worker at once).
 */
public class WorkerService extends Construct {

    public static final ServiceContainer CONTAINER = new ServiceContainer("batch-worker", List.of(8083, 9083), 2048, 4096);
    /** What the dead-letter alarm reads, as the worker names it in Prometheus. */
    public static final List<String> EXPORTED_METRICS = List.of("bulkimport_dead_letters_open");

    /** Backlog (visible messages) at which one, then three more workers are added. */
    static final int SCALE_OUT_BACKLOG = 100;
    static final int SCALE_OUT_FAST_BACKLOG = 1000;

    private final FargateService service;

    public WorkerService(Construct scope, String id, ServiceContext context, int maxTasks, Map<String, String> signIn) {
        this(scope, id, context, maxTasks, signIn, null, null, null);
    }

    /**
     * @param mailIdentity null (mail off), or the SES identity (a domain or an address) the completion mail is sent from
     * @param mailFrom     the sender address, of that identity
     * @param publicUrl    where users reach the web UI, for the links in the mail
     */
    public WorkerService(Construct scope, String id, ServiceContext context, int maxTasks, Map<String, String> signIn,
                         String mailIdentity, String mailFrom, String publicUrl) {
        super(scope, id);
        Queue work = context.messaging().queue("work");
        // the priority lanes (docs/architecture.md, "Priority and fairness"); their dead letters share the work DLQ
        Queue high = context.messaging().queue("work-high");
        Queue low = context.messaging().queue("work-low");
        Queue dlq = context.messaging().deadLetterQueue("work");
        Map<String, String> env = context.commonEnvironment();
        env.put("PORT", "8083");
        // Actuator: the health check, in the task; no security group rule lets anyone in
        env.put("MANAGEMENT_PORT", "9083");
        env.put("WORK_QUEUE_URL", work.getQueueUrl());
        env.put("WORK_QUEUE_HIGH_URL", high.getQueueUrl());
        env.put("WORK_QUEUE_LOW_URL", low.getQueueUrl());
        env.put("WORK_DLQ_URL", dlq.getQueueUrl());
        env.put("UPLOAD_BUCKET", context.uploads().bucket().getBucketName());
        // the image pipeline of product imports, into the images bucket
        env.put("IMAGES_ENABLED", "true");
        env.put("IMAGES_BUCKET", context.productImages().bucket().getBucketName());
        // the bucket's lifecycle rule expires uploads: the retention sweeper needs no delete right
        env.put("RETENTION_DELETE_UPLOADS", "false");
        env.putAll(signIn);
        EmailIdentity identity = null;
        if (mailIdentity == null) {
            // no SES identity given: nothing to send mail through, so the mail loop stays off (mail rows wait)
            env.put("MAIL_ENABLED", "false");
        } else {
            identity = EmailIdentity.Builder.create(this, "MailIdentity")
                    .identity(mailIdentity.contains("@") ? Identity.email(mailIdentity) : Identity.domain(mailIdentity))
                    .build();
            // SES's API with the task role's credentials: no SMTP password to keep
            env.put("MAIL_TRANSPORT", "ses");
            env.put("MAIL_FROM", mailFrom);
            if (publicUrl != null) {
                env.put("PUBLIC_BASE_URL", publicUrl);
            }
        }
        FargateTaskDefinition task = CONTAINER.define(this, context.images().image(CONTAINER.name()), env,
                context, context.database().sealingKey());
        grant(task, List.of(high, work, low), dlq, context.uploads(), context.productImages());
        if (identity != null) {
            task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("SendMail")
                    .actions(List.of("ses:SendEmail", "ses:SendRawEmail"))
                    .resources(List.of(identity.getEmailIdentityArn())).build());
        }
        MetricsSidecar.attach(this, task, context, CONTAINER.name(), CONTAINER.managementPort(), EXPORTED_METRICS);
        service = FargateService.Builder.create(this, "Service")
                .cluster(context.cluster())
                .serviceName(context.names().of(CONTAINER.name()))
                .taskDefinition(task)
                .desiredCount(1)
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .cloudMapOptions(ServiceContext.discoverableAs(CONTAINER.name()))
                .build();
        context.database().allowFrom(service, "batch-worker");
        scaleOnBacklog(work, high, low, maxTasks);
    }

    /**
     * Waiting plus in-flight messages: counting only the visible ones would read a queue whose every
     * message is being worked on as empty, and stop a busy worker.
     */
    static MathExpression backlog(Queue work, Queue high, Queue low) {
        MetricOptions maximumPerMinute = MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build();
        return MathExpression.Builder.create()
                .expression("visible + inflight + visibleHigh + inflightHigh + visibleLow + inflightLow")
                // sorted, so every synth writes the same template (no spurious diff on deploy)
                .usingMetrics(new TreeMap<>(Map.of(
                        "visible", work.metricApproximateNumberOfMessagesVisible(maximumPerMinute),
                        "inflight", work.metricApproximateNumberOfMessagesNotVisible(maximumPerMinute),
                        "visibleHigh", high.metricApproximateNumberOfMessagesVisible(maximumPerMinute),
                        "inflightHigh", high.metricApproximateNumberOfMessagesNotVisible(maximumPerMinute),
                        "visibleLow", low.metricApproximateNumberOfMessagesVisible(maximumPerMinute),
                        "inflightLow", low.metricApproximateNumberOfMessagesNotVisible(maximumPerMinute))))
                .label("work backlog")
                .period(Duration.minutes(1))
                .build();
    }

    /**
     * Step scaling on the backlog: nothing waiting or in flight sheds one task at a time, a
     * backlog adds workers. Scaling in is safe: a stopped worker's message becomes visible again and its inbox
     * row makes the redelivery harmless.
     */
    private void scaleOnBacklog(Queue work, Queue high, Queue low, int maxTasks) {
        ScalableTaskCount count = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(1).maxCapacity(maxTasks).build());
        count.scaleOnMetric("QueueBacklog", BasicStepScalingPolicyProps.builder()
                .metric(backlog(work, high, low))
                .scalingSteps(List.of(
                        ScalingInterval.builder().upper(0).change(-1).build(),
                        ScalingInterval.builder().lower(SCALE_OUT_BACKLOG).change(1).build(),
                        ScalingInterval.builder().lower(SCALE_OUT_FAST_BACKLOG).change(3).build()))
                .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                .cooldown(Duration.minutes(2))
                .build());
    }

    /**
     * Receive, delete and extend visibility on its own queues (the lanes), and send to them (a redriven dead letter,
     * an ingest sent back to work); on the dead-letter queue: send (a message that is not an event goes
     * there at once), receive and delete (the dead-letter consumer fails the job and records the
     * message); read both queues' depth for the queue-depth gauge; read uploads (ListBucket only so a
     * vanished file is a 404, not a 403); abort the multipart upload of a job whose upload expired (the sweeper).
     */
    private static void grant(FargateTaskDefinition task, List<Queue> lanes, Queue dlq, UploadBucket uploads,
                              com.bulkimport.infra.storage.ImagesBucket images) {
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("ConsumeWork")
                .actions(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                        "sqs:GetQueueAttributes", "sqs:SendMessage"))
                .resources(lanes.stream().map(Queue::getQueueArn).toList()).build());
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("DeadLetters")
                .actions(List.of("sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
                        "sqs:GetQueueAttributes"))
                .resources(List.of(dlq.getQueueArn())).build());
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("ReadUploads")
                .actions(List.of("s3:GetObject"))
                .resources(List.of(uploads.importsArn())).build());
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("AbortExpiredUploads")
                .actions(List.of("s3:AbortMultipartUpload"))
                .resources(List.of(uploads.importsArn())).build());
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("MissingUploadIs404")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(uploads.bucket().getBucketArn())).build());
        // product images: write the three sizes, HEAD an image already stored (GetObject), and ListBucket so that a
        // missing one answers 404, not 403; nothing is ever deleted by the worker
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("StoreProductImages")
                .actions(List.of("s3:PutObject", "s3:GetObject"))
                .resources(List.of(images.imagesArn())).build());
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("MissingImageIs404")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(images.bucket().getBucketArn())).build());
    }

    public FargateService service() {
        return service;
    }
}
