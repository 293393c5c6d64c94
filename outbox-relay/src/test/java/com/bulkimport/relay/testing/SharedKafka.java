package com.bulkimport.relay.testing;

import com.bulkimport.local.embedded.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One real Kafka broker (KRaft) per test JVM, started by the first test that needs it. */
public final class SharedKafka {

    private static KafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            broker = KafkaBroker.start(3);
            KafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-stop"));
        }
        return broker;
    }

    /** A consumer of every partition of {@code topic}, positioned at its end (it sees what comes next). */
    public static KafkaConsumer<String, String> consumerAtEnd(String topic) {
        return consumerAtEnd(List.of(topic));
    }

    /** A consumer of every partition of {@code topics}, positioned at their ends. */
    public static KafkaConsumer<String, String> consumerAtEnd(List<String> topics) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // seeks are lazy: resolve them now, before anything is sent
        return consumer;
    }

    /** Polls until {@code atLeast} records came, then once more briefly so extra copies would show. */
    public static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int atLeast,
                                                            Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < atLeast && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        return records;
    }
}
