package com.bulkimport.worker.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/** The client settings of the worker's consumers, producer and admin client. */
final class KafkaClients {

    private KafkaClients() {
    }

    static Map<String, Object> admin(KafkaWorkProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.properties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "batch-worker-admin");
        return config;
    }

    static Map<String, Object> consumer(KafkaWorkProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.properties());
        config.putAll(kafka.consumer());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // the offset moves only once a record's handler committed (or it went to the dead-letter topic)
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a group that starts (or whose offsets expired) must not skip work already published
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, kafka.maxPollRecords());
        config.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) kafka.maxPollInterval().toMillis());
        return config;
    }

    static Map<String, Object> producer(KafkaWorkProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.properties());
        config.putAll(kafka.producer());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        // a dead letter acknowledged by Kafka is never lost, and the producer's retries never duplicate it
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "batch-worker");
        // a broker that is down must fail a send in seconds (the record is then delivered again), not in a minute
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        return config;
    }
}
