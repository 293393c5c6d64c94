package com.bulkimport.relay.publish;

import com.bulkimport.model.event.EventType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Straight to standard ElasticMQ queues, one per audience (work, subscribers, notifications): batches
 * of 10 / 256 KB, attributes, no order promised. The shared cases run on the subscribers' queue (record
 * events).
 */
class SqsTransportContractTest extends TransportContract {

    static final String QUEUE = "relay-contract";
    private static String workQueue;
    private static String subscribersQueue;
    private static String notificationsQueue;
    private final SqsClient sqs = INFRA.sqs().client();

    @DynamicPropertySource
    static void queue(DynamicPropertyRegistry registry) {
        try (SqsClient sqs = INFRA.sqs().client()) {
            workQueue = sqs.createQueue(b -> b.queueName(QUEUE)).queueUrl();
            subscribersQueue = sqs.createQueue(b -> b.queueName(QUEUE + "-subscribers")).queueUrl();
            notificationsQueue = sqs.createQueue(b -> b.queueName(QUEUE + "-notifications")).queueUrl();
        }
        registry.add("bulkimport.relay.transport", () -> "sqs");
        registry.add("bulkimport.relay.sqs.queue-url", () -> workQueue);
        registry.add("bulkimport.relay.sqs.subscribers-queue-url", () -> subscribersQueue);
        registry.add("bulkimport.relay.sqs.notifications-queue-url", () -> notificationsQueue);
    }

    @Override
    String eventType() {
        return "PRODUCT_CREATED";
    }

    @Override
    int maxEventBytes() {
        return SqsPublisher.MAX_BYTES;
    }

    @Override
    UUID writeRejected(String aggregate) {
        return SqsReceiving.writeRejected(rows, eventType(), aggregate);
    }

    @Override
    boolean promisesOrder() {
        return false;
    }

    @Override
    boolean carriesAggregateKey() {
        return false;
    }

    @Override
    void startReceiving() {
        destinations().forEach(queue -> sqs.purgeQueue(b -> b.queueUrl(queue)));
    }

    @Override
    List<Received> receive(int atLeast) {
        return receiveAt(subscribersQueue, atLeast);
    }

    @Override
    Optional<String> destinationOf(String type) {
        return switch (EventType.audienceOf(type)) {
            case WORKERS -> Optional.of(workQueue);
            case SUBSCRIBERS -> Optional.of(subscribersQueue);
            case NOTIFICATIONS -> Optional.of(notificationsQueue);
            case NONE -> Optional.empty();
        };
    }

    @Override
    Set<String> destinations() {
        return Set.of(workQueue, subscribersQueue, notificationsQueue);
    }

    @Override
    String workDestination() {
        return workQueue;
    }

    @Override
    List<Received> receiveAt(String destination, int atLeast) {
        return SqsReceiving.receive(sqs, destination, atLeast);
    }

    @Override
    boolean routesItself() {
        return true;
    }
}
