package com.bulkimport.worker.queue;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The real work queue as tests that play a worker's poller see it. */
final class WorkQueue {

    private final SqsClient sqs;
    private final String url;

    WorkQueue(LocalInfra infra) {
        this.sqs = infra.sqs().client();
        this.url = infra.workQueueUrl();
    }

    void purge() {
        sqs.purgeQueue(b -> b.queueUrl(url));
    }

    void send(EventEnvelope event) {
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(EventCodec.encode(event)));
    }

    /** One long poll of a second, as the consumer polls (one message, its receive count along). */
    List<Message> receive(Duration visibilityTimeout) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).waitTimeSeconds(1)
                        .visibilityTimeout((int) visibilityTimeout.toSeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
    }

    /** The next message that becomes visible within {@code within}, or an AssertionError. */
    Message next(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> messages = receive(Duration.ofSeconds(30));
            if (!messages.isEmpty()) {
                return messages.get(0);
            }
        }
        throw new AssertionError("no message became visible within " + within);
    }

    static int receiveCount(Message message) {
        return Integer.parseInt(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }

    /** Messages waiting plus messages received and neither deleted nor visible again. */
    int messagesLeft() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
