package com.bulkimport.relay.publish;

import com.bulkimport.model.event.EventType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * FIFO ElasticMQ queues: message group = aggregate, deduplication id = event id, order per aggregate.
 * Work and subscribers have a queue each; notifications have none, so a job's end is not sent.
 */
class SqsFifoTransportContractTest extends TransportContract {

    static final String QUEUE = "relay-contract.fifo";
    private static String workQueue;
    private static String subscribersQueue;
    private final SqsClient sqs = INFRA.sqs().client();

    @DynamicPropertySource
    static void queue(DynamicPropertyRegistry registry) {
        try (SqsClient sqs = INFRA.sqs().client()) {
            workQueue = fifo(sqs, QUEUE);
            subscribersQueue = fifo(sqs, "relay-contract-subscribers.fifo");
        }
        registry.add("bulkimport.relay.transport", () -> "sqs");
        registry.add("bulkimport.relay.sqs.queue-url", () -> workQueue);
        registry.add("bulkimport.relay.sqs.subscribers-queue-url", () -> subscribersQueue);
    }

    private static String fifo(SqsClient sqs, String name) {
        return sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"))).queueUrl();
    }

    @Override
    String eventType() {
        return "IMPORT_BATCH_READY";
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
        return true;
    }

    @Override
    boolean carriesAggregateKey() {
        return true;
    }

    @Override
    void startReceiving() {
        destinations().forEach(queue -> sqs.purgeQueue(b -> b.queueUrl(queue)));
    }

    @Override
    List<Received> receive(int atLeast) {
        return receiveAt(workQueue, atLeast);
    }

    @Override
    Optional<String> destinationOf(String type) {
        return switch (EventType.audienceOf(type)) {
            case WORKERS -> Optional.of(workQueue);
            case SUBSCRIBERS -> Optional.of(subscribersQueue);
            case NOTIFICATIONS, NONE -> Optional.empty();
        };
    }

    @Override
    Set<String> destinations() {
        return Set.of(workQueue, subscribersQueue);
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
