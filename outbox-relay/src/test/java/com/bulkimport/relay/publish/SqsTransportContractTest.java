package com.bulkimport.relay.publish;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.List;
import java.util.UUID;

/** Straight to a standard ElasticMQ queue: batches of 10 / 256 KB, attributes, no order promised. */
class SqsTransportContractTest extends TransportContract {

    static final String QUEUE = "relay-contract";
    private static String queueUrl;
    private final SqsClient sqs = INFRA.sqs().client();

    @DynamicPropertySource
    static void queue(DynamicPropertyRegistry registry) {
        try (SqsClient sqs = INFRA.sqs().client()) {
            queueUrl = sqs.createQueue(b -> b.queueName(QUEUE)).queueUrl();
        }
        registry.add("bulkimport.relay.transport", () -> "sqs");
        registry.add("bulkimport.relay.sqs.queue-url", () -> queueUrl);
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
        sqs.purgeQueue(b -> b.queueUrl(queueUrl));
    }

    @Override
    List<Received> receive(int atLeast) {
        return SqsReceiving.receive(sqs, queueUrl, atLeast);
    }
}
