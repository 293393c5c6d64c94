package com.bulkimport.worker.kafka;

import com.bulkimport.local.embedded.KafkaBroker;
import com.bulkimport.model.event.EventType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * One real Kafka broker (KRaft) per test JVM with the work topic (3 partitions, as an operator would
 * create it; the worker creates the dead-letter topic itself), and a producer that plays the relay.
 */
final class TestKafka {

    static final String TOPIC = "worker-it.events";
    static final String DEAD_LETTER_TOPIC = TOPIC + ".DLT";

    private static KafkaBroker broker;
    private static KafkaProducer<String, String> producer;

    private TestKafka() {
    }

    static synchronized KafkaBroker broker() {
        if (broker == null) {
            broker = KafkaBroker.start(3);
            broker.createTopic(TOPIC, Map.of());
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
            KafkaBroker started = broker;
            KafkaProducer<String, String> client = producer;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close(Duration.ofSeconds(2));
                started.close();
            }, "kafka-stop"));
        }
        return broker;
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    static void send(String key, String value, Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, text) -> recordHeaders.add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            broker();
            producer.send(new ProducerRecord<>(TOPIC, null, key, value, recordHeaders)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Publishes the job's outbox rows of one type in creation order, as the relay's KafkaPublisher does:
     * key = aggregate id, value = the envelope, headers event_type, trace_id, event_id, aggregate_type.
     *
     * @return rows published
     */
    static int publishOutbox(JdbcClient jdbc, UUID jobId, EventType type) {
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT id::text AS id, aggregatetype, aggregateid, type, payload::text AS payload, trace_id
                        FROM outbox_events WHERE aggregateid = :id AND type = :type ORDER BY created_at, id""")
                .param("id", jobId.toString()).param("type", type.name()).query().listOfRows();
        for (Map<String, Object> row : rows) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            headers.put("event_type", (String) row.get("type"));
            if (row.get("trace_id") != null) {
                headers.put("trace_id", (String) row.get("trace_id"));
            }
            headers.put("event_id", (String) row.get("id"));
            headers.put("aggregate_type", (String) row.get("aggregatetype"));
            send((String) row.get("aggregateid"), (String) row.get("payload"), headers);
        }
        return rows.size();
    }

    /** Every record the dead-letter topic holds now. */
    static List<ConsumerRecord<String, String>> deadLetters() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTER_TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(DEAD_LETTER_TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
