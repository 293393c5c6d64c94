package com.bulkimport.worker.queue;

import com.bulkimport.worker.metrics.QueueDepths;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Approximate visible messages in the work queues (every lane's) and their DLQ. */
@Component
@WorkTransport.Sqs
class SqsQueueDepths implements QueueDepths {

    private final SqsClient sqs;
    private final SqsProperties queues;

    SqsQueueDepths(SqsClient sqs, SqsProperties queues) {
        this.sqs = sqs;
        this.queues = queues;
    }

    @Override
    public long work() {
        long depth = 0;
        for (String queue : new String[] {queues.workQueueUrl(), queues.highWorkQueueUrl(), queues.lowWorkQueueUrl()}) {
            depth += depth(queue);
        }
        return depth;
    }

    @Override
    public long deadLetters() {
        return depth(queues.deadLetterQueueUrl());
    }

    private long depth(String queueUrl) {
        if (queueUrl == null || queueUrl.isBlank()) {
            return 0;
        }
        String count = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return count == null ? 0 : Long.parseLong(count);
    }
}
