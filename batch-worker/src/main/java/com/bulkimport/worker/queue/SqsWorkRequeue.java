package com.bulkimport.worker.queue;

import com.bulkimport.model.Priority;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.worker.deadletter.WorkRequeue;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Dead letters go back to the SQS work queue of their job's priority as new messages (their receive count starts
 * again). The lanes share one dead-letter queue, so the lane is read back from the envelope.
 */
@Component
@WorkTransport.Sqs
class SqsWorkRequeue implements WorkRequeue {

    private final SqsClient sqs;
    private final WorkLanes lanes;

    SqsWorkRequeue(SqsClient sqs, SqsProperties queues) {
        this.sqs = sqs;
        this.lanes = queues.lanes();
    }

    @Override
    public void requeue(String body) {
        sqs.sendMessage(b -> b.queueUrl(lanes.queueFor(priorityOf(body))).messageBody(body));
    }

    private static Priority priorityOf(String body) {
        try {
            return Priority.ofWire(EventCodec.decode(body).payloadText("priority"));
        } catch (RuntimeException e) {
            return Priority.NORMAL;
        }
    }
}
