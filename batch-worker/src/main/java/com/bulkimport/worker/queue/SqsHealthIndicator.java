package com.bulkimport.worker.queue;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;

/**
 * {@code sqs} in readiness: the work queue (and its DLQ, when configured) answers GetQueueAttributes,
 * which the worker's IAM role already has for its depth gauges. A probe must answer quickly even when
 * SQS does not, hence the short call timeout.
 */
@Component("sqsHealthIndicator")
@WorkTransport.Sqs
class SqsHealthIndicator extends AbstractHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final SqsClient sqs;
    private final SqsProperties queues;

    SqsHealthIndicator(SqsClient sqs, SqsProperties queues) {
        super("SQS health check failed");
        this.sqs = sqs;
        this.queues = queues;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("work_queue_messages", depth(queues.workQueueUrl()));
        if (queues.deadLetterQueueUrl() != null && !queues.deadLetterQueueUrl().isBlank()) {
            builder.withDetail("dead_letter_queue_messages", depth(queues.deadLetterQueueUrl()));
        }
        builder.up();
    }

    private long depth(String queueUrl) {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalStateException("no work queue configured (bulkimport.sqs.work-queue-url)");
        }
        String count = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                        .overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT)))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return count == null ? 0 : Long.parseLong(count);
    }
}
