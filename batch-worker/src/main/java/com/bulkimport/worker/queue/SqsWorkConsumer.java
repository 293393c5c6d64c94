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
 * Polls the work queues ({@link WorkLanes}: one per priority, weighed) with {@code concurrency} threads, one
 * message at a time each: the lane whose turn it is first, then the others by priority, and when all are empty a
 * long poll of the leading lane (with one lane, a long poll of it, as before there were lanes). While a
 * message is handled a heartbeat keeps it invisible to other workers; it is deleted only after the
 * handler's transaction committed. A failed message becomes visible again after a growing delay and,
 * after the queue's maxReceiveCount, moves to the dead-letter queue.
 */
@Component
@WorkTransport.Sqs
public class SqsWorkConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SqsWorkConsumer.class);
    /** With several lanes, the long poll when all are empty: short, since another lane may fill meanwhile. */
    private static final int LANE_IDLE_WAIT_SECONDS = 2;

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
    private final WorkLanes lanes;

    SqsWorkConsumer(SqsClient sqs, SqsProperties queues, WorkerProperties properties, WorkDispatcher dispatcher,
                    ImportMetrics metrics, WorkerProperties workerProperties) {
        this.autoStart = workerProperties.enabled();
        this.metrics = metrics;
        this.sqs = sqs;
        this.queues = queues;
        this.properties = properties;
        this.dispatcher = dispatcher;
        this.lanes = queues.lanes();
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
        log.info("consuming {} with {} threads", lanes.lanes(), properties.concurrency());
    }

    private void poll() {
        while (running) {
            try {
                pollOnce();
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

    /** One poll: the lanes in this poll's order, each asked without waiting, then a long poll of the first. */
    private void pollOnce() {
        List<WorkLanes.Lane> order = lanes.nextPoll();
        if (order.size() > 1) {
            for (WorkLanes.Lane lane : order) {
                if (receive(lane, 0)) {
                    return;
                }
            }
        }
        // nothing anywhere: wait on the leading lane, not too long when others may fill meanwhile
        int wait = (int) Math.min(order.size() > 1 ? LANE_IDLE_WAIT_SECONDS : 20, properties.waitTime().toSeconds());
        receive(order.get(0), wait);
    }

    /** @return whether a message came */
    private boolean receive(WorkLanes.Lane lane, int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(lane.queueUrl())
                        .maxNumberOfMessages(1)
                        .waitTimeSeconds(waitSeconds)
                        .visibilityTimeout((int) properties.visibilityTimeout().toSeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
        for (Message message : messages) {
            metrics.received(lane.priority().wireName());
            process(message, lane.queueUrl());
        }
        return !messages.isEmpty();
    }

    /** A message of the normal lane (tests hand messages over themselves). */
    public void process(Message message) {
        process(message, queues.workQueueUrl());
    }

    /** @param queueUrl the lane's queue it came from, where it is deleted, extended or delayed */
    public void process(Message message, String queueUrl) {
        EventEnvelope event;
        try {
            event = EventCodec.decode(message.body());
        } catch (EventCodec.MalformedEvent e) {
            deadLetter(message, queueUrl, e.getMessage());
            return;
        }
        long every = Math.max(1, properties.visibilityTimeout().toSeconds() / 3);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> extend(message, queueUrl), every, every,
                TimeUnit.SECONDS);
        // the dispatcher scopes the handler's lines; this scope covers what the consumer says about the outcome
        try (JobLogContext context = JobLogContext.of(event)) {
            try {
                dispatcher.dispatch(event);
                heartbeat.cancel(false);
                acknowledge(message, queueUrl);
            } catch (RetryLater e) {
                heartbeat.cancel(false);
                log.info("{} {} postponed by {}: {}", event.eventType(), event.eventId(), e.delay(), e.getMessage());
                metrics.postponed(WorkTransport.SQS, event.eventType());
                changeVisibility(message, queueUrl, e.delay());
            } catch (RuntimeException e) {
                heartbeat.cancel(false);
                int receives = receiveCount(message);
                log.error("{} {} failed (receive {}), will be redelivered", event.eventType(), event.eventId(), receives,
                        e);
                changeVisibility(message, queueUrl, Duration.ofSeconds(Math.min(300,
                        properties.retryBackoff().toSeconds() * receives * receives)));
            }
        }
    }

    /**
     * Deletes a handled message off the polling thread, which goes straight back to work. Should the
     * delete be lost, the message comes back and the handler's inbox drops it.
     */
    private void acknowledge(Message message, String queueUrl) {
        acks.execute(() -> {
            try {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            } catch (SdkException e) {
                log.warn("could not delete handled message {} (it will be dropped on redelivery): {}",
                        message.messageId(), e.getMessage());
            }
        });
    }

    private void extend(Message message, String queueUrl) {
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) properties.visibilityTimeout().toSeconds()));
        } catch (SdkException e) {
            log.warn("could not extend the visibility of message {}: {}", message.messageId(), e.getMessage());
        }
    }

    private void changeVisibility(Message message, String queueUrl, Duration delay) {
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) Math.min(43_200, delay.toSeconds())));
        } catch (SdkException e) {
            log.warn("could not delay message {}: {}", message.messageId(), e.getMessage());
        }
    }

    /** A message that is not an event can never succeed: park it in the DLQ now instead of after N receives. */
    private void deadLetter(Message message, String queueUrl, String reason) {
        log.error("message {} is not an event ({}); moving it to the dead-letter queue", message.messageId(), reason);
        if (queues.deadLetterQueueUrl() != null && !queues.deadLetterQueueUrl().isBlank()) {
            sqs.sendMessage(b -> b.queueUrl(queues.deadLetterQueueUrl()).messageBody(message.body()));
        }
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
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
