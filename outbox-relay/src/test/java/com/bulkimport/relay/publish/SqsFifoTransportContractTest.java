package com.bulkimport.relay.publish;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.UUID;
import java.util.Map;

/** A FIFO ElasticMQ queue: message group = aggregate, deduplication id = event id, order per aggregate. */
class SqsFifoTransportContractTest extends TransportContract {

    static final String QUEUE = "relay-contract.fifo";
    private static String queueUrl;
    private final SqsClient sqs = INFRA.sqs().client();

    @DynamicPropertySource
    static void queue(DynamicPropertyRegistry registry) {
        try (SqsClient sqs = INFRA.sqs().client()) {
            queueUrl = sqs.createQueue(b -> b.queueName(QUEUE).attributes(Map.of(
                    QueueAttributeName.FIFO_QUEUE, "true",
                    QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"))).queueUrl();
        }
        registry.add("bulkimport.relay.transport", () -> "sqs");
        registry.add("bulkimport.relay.sqs.queue-url", () -> queueUrl);
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
        sqs.purgeQueue(b -> b.queueUrl(queueUrl));
    }

    @Override
    List<Received> receive(int atLeast) {
        return SqsReceiving.receive(sqs, queueUrl, atLeast);
    }
}
