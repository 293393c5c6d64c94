package com.bulkimport.worker.queue;

import com.bulkimport.worker.deadletter.BackToWork;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Dead letters go back to the SQS work queue as new messages (their receive count starts again). */
@Component
@WorkTransport.Sqs
class SqsBackToWork implements BackToWork {

    private final SqsClient sqs;
    private final SqsProperties queues;

    SqsBackToWork(SqsClient sqs, SqsProperties queues) {
        this.sqs = sqs;
        this.queues = queues;
    }

    @Override
    public void send(String body) {
        sqs.sendMessage(b -> b.queueUrl(queues.workQueueUrl()).messageBody(body));
    }
}
