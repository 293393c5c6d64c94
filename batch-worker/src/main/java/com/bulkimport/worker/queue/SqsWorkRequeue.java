package com.bulkimport.worker.queue;

import com.bulkimport.worker.deadletter.WorkRequeue;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Dead letters go back to the SQS work queue as new messages (their receive count starts again). */
@Component
@WorkTransport.Sqs
class SqsWorkRequeue implements WorkRequeue {

    private final SqsClient sqs;
    private final SqsProperties queues;

    SqsWorkRequeue(SqsClient sqs, SqsProperties queues) {
        this.sqs = sqs;
        this.queues = queues;
    }

    @Override
    public void requeue(String body) {
        sqs.sendMessage(b -> b.queueUrl(queues.workQueueUrl()).messageBody(body));
    }
}
