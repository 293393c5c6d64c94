package com.bulkimport.relay.publish;

import com.bulkimport.model.event.EventType;
import com.bulkimport.relay.testing.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A KRaft Kafka broker: key = aggregate id, headers event_type / trace_id, idempotent producer with
 * acks=all, order per aggregate. The work topic takes records up to 100 KB, so the broker itself refuses
 * the "rejected" event (RecordTooLargeException) while the producer would have sent it. The jobs topic
 * and the record families' topics do not exist before the relay starts: it creates them.
 */
class KafkaTransportContractTest extends TransportContract {

    static final String TOPIC = "relay-contract";
    static final String RECORDS_PREFIX = TOPIC + ".records.";
    static final String JOBS_TOPIC = TOPIC + ".jobs";
    static final int TOPIC_MAX_BYTES = 100_000;
    private KafkaConsumer<String, String> consumer;
    private final Map<String, List<ConsumerRecord<String, String>>> arrived = new HashMap<>();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        SharedKafka.broker().createTopic(TOPIC, Map.of("max.message.bytes", String.valueOf(TOPIC_MAX_BYTES)));
        registry.add("bulkimport.relay.transport", () -> "kafka");
        registry.add("bulkimport.relay.kafka.bootstrap-servers", () -> SharedKafka.broker().bootstrapServers());
        registry.add("bulkimport.relay.kafka.topic", () -> TOPIC);
        registry.add("bulkimport.relay.kafka.records-topic-prefix", () -> RECORDS_PREFIX);
        registry.add("bulkimport.relay.kafka.jobs-topic", () -> JOBS_TOPIC);
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
        arrived.clear();
        consumer = SharedKafka.consumerAtEnd(List.copyOf(destinations()));
    }

    @AfterEach
    void closeConsumer() {
        consumer.close();
    }

    @Override
    List<Received> receive(int atLeast) {
        return receiveAt(TOPIC, atLeast);
    }

    @Override
    Optional<String> destinationOf(String type) {
        Optional<EventType> known = EventType.named(type);
        return switch (EventType.audienceOf(type)) {
            case WORKERS -> Optional.of(TOPIC);
            case SUBSCRIBERS -> Optional.of(known.flatMap(EventType::recordName).map(r -> RECORDS_PREFIX + r)
                    .orElse(JOBS_TOPIC));
            case NOTIFICATIONS -> Optional.of(JOBS_TOPIC);
            case NONE -> Optional.empty();
        };
    }

    @Override
    Set<String> destinations() {
        Set<String> topics = new LinkedHashSet<>(List.of(TOPIC, JOBS_TOPIC));
        for (String record : List.of("restaurant", "dish", "product", "customer", "purchase", "review")) {
            topics.add(RECORDS_PREFIX + record);
        }
        return topics;
    }

    @Override
    String workDestination() {
        return TOPIC;
    }

    /** Polls every topic, keeping what arrives at the others for their turn. */
    @Override
    List<Received> receiveAt(String destination, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (arrived.getOrDefault(destination, List.of()).size() < atLeast && System.nanoTime() < deadline) {
            pollInto(200);
        }
        pollInto(300); // so extra copies would show
        List<ConsumerRecord<String, String>> records = arrived.getOrDefault(destination, new ArrayList<>());
        arrived.remove(destination);
        return records.stream().map(KafkaTransportContractTest::received).toList();
    }

    private void pollInto(long millis) {
        consumer.poll(Duration.ofMillis(millis))
                .forEach(r -> arrived.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r));
    }

    @Override
    boolean routesItself() {
        return true;
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
