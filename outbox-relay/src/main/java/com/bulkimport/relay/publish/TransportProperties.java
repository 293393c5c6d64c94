package com.bulkimport.relay.publish;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/** Settings of each transport; only the chosen one ({@code bulkimport.relay.transport}) is read. */
final class TransportProperties {

    private TransportProperties() {
    }

    /**
     * @param endpoint      PutEvents endpoint override (the local stack's); blank for AWS
     * @param busName       the event bus
     * @param parallelCalls PutEvents calls in flight at once
     */
    @ConfigurationProperties("bulkimport.relay.eventbridge")
    record EventBridge(String endpoint, @DefaultValue("bulk-import") String busName,
                       @DefaultValue("8") int parallelCalls) {
    }

    /**
     * @param endpoint      SQS endpoint override (ElasticMQ locally); blank for AWS
     * @param queueUrl      the queue every event goes to; a URL ending in {@code .fifo} turns on ordering
     * @param parallelCalls SendMessageBatch calls in flight at once
     */
    @ConfigurationProperties("bulkimport.relay.sqs")
    record Sqs(String endpoint, String queueUrl, @DefaultValue("8") int parallelCalls) {
    }

    /**
     * @param bootstrapServers the cluster
     * @param topic            the topic every event goes to (key = aggregate id)
     * @param producer         any further producer settings (security.protocol, sasl.*, compression.type,
     *                         max.request.size...); acks and idempotence are not negotiable
     */
    @ConfigurationProperties("bulkimport.relay.kafka")
    record Kafka(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
                 @DefaultValue("bulk-import.events") String topic,
                 @DefaultValue Map<String, String> producer) {

        /** How long a round waits for acknowledgements: a little longer than the producer tries itself. */
        Duration ackTimeout(Map<String, Object> producerConfig) {
            long delivery = Long.parseLong(producerConfig.get("delivery.timeout.ms").toString());
            return Duration.ofMillis(delivery).plusSeconds(5);
        }
    }
}
