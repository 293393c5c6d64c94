package com.bulkimport.worker.queue;

import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.worker.metrics.ImportMetrics;
import com.bulkimport.support.logging.JobLogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Long-polls the work queue with {@code concurrency} threads, one message at a time each. While a
 * message is handled a heartbeat keeps it invisible to other workers; it is deleted only after the
 * handler's transaction committed. A failed message becomes visible again after a growing delay and,
 * after the queue's maxReceiveCount, moves to the dead-letter queue.
 */
@Component
@WorkTransport.Sqs
public class SqsWorkConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SqsWorkConsumer.class);

    private final SqsClient sqs;
    private final SqsProperties queues;
    private final WorkerProperties properties;
    private final WorkDispatcher dispatcher;
    private final ImportMetrics metrics;
    private volatile boolean running;
    private ExecutorService pollers;
    // replaced on every start: a stopped consumer can be started again
    private volatile ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(named("work-heartbeat"));
    private volatile ExecutorService acks = Executors.newSingleThreadExecutor(named("work-ack"));

    private final boolean autoStart;

    SqsWorkConsumer(SqsClient sqs, SqsProperties queues, WorkerProperties properties, WorkDispatcher dispatcher,
                    ImportMetrics metrics, WorkerProperties workerProperties) {
        this.autoStart = workerProperties.enabled();
        this.metrics = metrics;
        this.sqs = sqs;
        this.queues = queues;
        this.properties = properties;
        this.dispatcher = dispatcher;
    }

    @Override
    public void start() {
        if (heartbeats.isShutdown()) {
            heartbeats = Executors.newSingleThreadScheduledExecutor(named("work-heartbeat"));
            acks = Executors.newSingleThreadExecutor(named("work-ack"));
        }
        running = true;
        pollers = Executors.newFixedThreadPool(properties.concurrency(), named("work-poller"));
        for (int i = 0; i < properties.concurrency(); i++) {
            pollers.submit(this::poll);
        }
        log.info("consuming {} with {} threads", queues.workQueueUrl(), properties.concurrency());
    }

    private void poll() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queues.workQueueUrl())
                        .maxNumberOfMessages(1)
                        .waitTimeSeconds((int) Math.min(20, properties.waitTime().toSeconds()))
                        .visibilityTimeout((int) properties.visibilityTimeout().toSeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                        .messages();
                for (Message message : messages) {
                    process(message);
                }
            } catch (AbortedException e) {
                return;
            } catch (SdkException e) {
                if (!running) {
                    return;
                }
                log.warn("receiving from the work queue failed: {}", e.getMessage());
                sleep(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                log.error("unexpected error in the work poller", e);
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    public void process(Message message) {
        EventEnvelope event;
        try {
            event = EventCodec.decode(message.body());
        } catch (EventCodec.MalformedEvent e) {
            deadLetter(message, e.getMessage());
            return;
        }
        long every = Math.max(1, properties.visibilityTimeout().toSeconds() / 3);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> extend(message), every, every,
                TimeUnit.SECONDS);
        // the dispatcher scopes the handler's lines; this scope covers what the consumer says about the outcome
        try (JobLogContext context = JobLogContext.of(event)) {
            try {
                dispatcher.dispatch(event);
                heartbeat.cancel(false);
                acknowledge(message);
            } catch (RetryLater e) {
                heartbeat.cancel(false);
                log.info("{} {} postponed by {}: {}", event.eventType(), event.eventId(), e.delay(), e.getMessage());
                metrics.postponed(WorkTransport.SQS, event.eventType());
                changeVisibility(message, e.delay());
            } catch (RuntimeException e) {
                heartbeat.cancel(false);
                int receives = receiveCount(message);
                log.error("{} {} failed (receive {}), will be redelivered", event.eventType(), event.eventId(), receives,
                        e);
                changeVisibility(message, Duration.ofSeconds(Math.min(300,
                        properties.retryBackoff().toSeconds() * receives * receives)));
            }
        }
    }

    /**
     * Deletes a handled message off the polling thread, which goes straight back to work. Should the
     * delete be lost, the message comes back and the handler's inbox drops it.
     */
    private void acknowledge(Message message) {
        acks.execute(() -> {
            try {
                sqs.deleteMessage(b -> b.queueUrl(queues.workQueueUrl()).receiptHandle(message.receiptHandle()));
            } catch (SdkException e) {
                log.warn("could not delete handled message {} (it will be dropped on redelivery): {}",
                        message.messageId(), e.getMessage());
            }
        });
    }

    private void extend(Message message) {
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queues.workQueueUrl()).receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) properties.visibilityTimeout().toSeconds()));
        } catch (SdkException e) {
            log.warn("could not extend the visibility of message {}: {}", message.messageId(), e.getMessage());
        }
    }

    private void changeVisibility(Message message, Duration delay) {
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queues.workQueueUrl()).receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) Math.min(43_200, delay.toSeconds())));
        } catch (SdkException e) {
            log.warn("could not delay message {}: {}", message.messageId(), e.getMessage());
        }
    }

    /** A message that is not an event can never succeed: park it in the DLQ now instead of after N receives. */
    private void deadLetter(Message message, String reason) {
        log.error("message {} is not an event ({}); moving it to the dead-letter queue", message.messageId(), reason);
        if (queues.deadLetterQueueUrl() != null && !queues.deadLetterQueueUrl().isBlank()) {
            sqs.sendMessage(b -> b.queueUrl(queues.deadLetterQueueUrl()).messageBody(message.body()));
        }
        sqs.deleteMessage(b -> b.queueUrl(queues.workQueueUrl()).receiptHandle(message.receiptHandle()));
    }

    private static int receiveCount(Message message) {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void stop() {
        running = false;
        if (pollers != null) {
            pollers.shutdownNow();
            try {
                pollers.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        heartbeats.shutdownNow();
        acks.shutdown();
        try {
            acks.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Off in tests that hand messages to {@link #process} themselves. */
    @Override
    public boolean isAutoStartup() {
        return autoStart;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
