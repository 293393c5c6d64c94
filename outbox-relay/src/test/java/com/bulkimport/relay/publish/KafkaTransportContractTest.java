package com.bulkimport.relay.publish;

import com.bulkimport.relay.testing.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A KRaft Kafka broker: key = aggregate id, headers event_type / trace_id, idempotent producer with
 * acks=all, order per aggregate. The topic takes records up to 100 KB, so the broker itself refuses
 * the "rejected" event (RecordTooLargeException) while the producer would have sent it.
 */
class KafkaTransportContractTest extends TransportContract {

    static final String TOPIC = "relay-contract";
    static final int TOPIC_MAX_BYTES = 100_000;
    private KafkaConsumer<String, String> consumer;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        SharedKafka.broker().createTopic(TOPIC, Map.of("max.message.bytes", String.valueOf(TOPIC_MAX_BYTES)));
        registry.add("bulkimport.relay.transport", () -> "kafka");
        registry.add("bulkimport.relay.kafka.bootstrap-servers", () -> SharedKafka.broker().bootstrapServers());
        registry.add("bulkimport.relay.kafka.topic", () -> TOPIC);
    }

    @Override
    String eventType() {
        return "IMPORT_BATCH_READY";
    }

    @Override
    int maxEventBytes() {
        return 1024 * 1024; // the producer's max.request.size
    }

    @Override
    UUID writeRejected(String aggregate) {
        // under the producer's limit, over the topic's: the broker refuses it (RecordTooLargeException)
        return rows.writeRaw(eventType(), aggregate, "{\"event_id\":\"$ID\",\"blob\":\""
                + "x".repeat(TOPIC_MAX_BYTES + 50_000) + "\"}");
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
        consumer = SharedKafka.consumerAtEnd(TOPIC);
    }

    @AfterEach
    void closeConsumer() {
        consumer.close();
    }

    @Override
    List<Received> receive(int atLeast) {
        return SharedKafka.poll(consumer, atLeast, Duration.ofSeconds(20)).stream().map(KafkaTransportContractTest::received)
                .toList();
    }

    private static Received received(ConsumerRecord<String, String> record) {
        return new Received(UUID.fromString(header(record, KafkaPublisher.EVENT_ID)),
                header(record, KafkaPublisher.EVENT_TYPE), header(record, KafkaPublisher.TRACE_ID), record.key());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
