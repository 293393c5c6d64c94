package com.bulkimport.worker.deadletter;

import com.bulkimport.worker.queue.SqsProperties;
import com.bulkimport.worker.queue.WorkTransport;
import com.bulkimport.worker.queue.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.List;

/**
 * Reads the SQS work queue's dead-letter queue: each message goes through {@link DeadLetterIntake}
 * (kept in {@code dead_letters}, its batch or ingest fails its job, in one transaction), then it is
 * removed from the DLQ. The Kafka transport's dead-letter topic has its own reader.
 */
@Component
@WorkTransport.Sqs
public class DeadLetterConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConsumer.class);

    private final SqsClient sqs;
    private final SqsProperties queues;
    private final WorkerProperties properties;
    private final DeadLetterIntake intake;
    private final boolean autoStart;
    private volatile boolean running;
    private Thread poller;

    DeadLetterConsumer(SqsClient sqs, SqsProperties queues, WorkerProperties properties, DeadLetterIntake intake,
                       WorkerProperties workerProperties) {
        this.sqs = sqs;
        this.queues = queues;
        this.properties = properties;
        this.intake = intake;
        this.autoStart = workerProperties.enabled();
    }

    /** One pass over what the DLQ holds now. @return messages handled */
    public int drainOnce(int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queues.deadLetterQueueUrl()).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        for (Message message : messages) {
            handle(message);
        }
        return messages.size();
    }

    private void handle(Message message) {
        intake.take(message.messageId(), message.body(), receiveCount(message));
        sqs.deleteMessage(b -> b.queueUrl(queues.deadLetterQueueUrl()).receiptHandle(message.receiptHandle()));
    }

    private static Integer receiveCount(Message message) {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        try {
            return count == null ? null : Integer.valueOf(count);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void loop() {
        while (running) {
            try {
                drainOnce((int) Math.min(20, properties.waitTime().toSeconds()));
            } catch (AbortedException e) {
                return;
            } catch (SdkException | org.springframework.dao.DataAccessException e) {
                if (!running) {
                    return;
                }
                log.warn("reading the dead-letter queue failed: {}", e.getMessage());
                sleep();
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        if (queues.deadLetterQueueUrl() == null || queues.deadLetterQueueUrl().isBlank()) {
            log.warn("no dead-letter queue configured (bulkimport.sqs.dead-letter-queue-url): dead letters are not read");
            return;
        }
        running = true;
        poller = new Thread(this::loop, "dead-letter-poller");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStart;
    }
}
