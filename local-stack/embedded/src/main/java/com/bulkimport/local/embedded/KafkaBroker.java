package com.bulkimport.local.embedded;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/**
 * A real Kafka broker (KRaft, no ZooKeeper) in this process, on loopback. Not part of
 * {@link LocalInfra}: only the Kafka transport's tests and benchmarks need one, so they start it.
 */
public final class KafkaBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private KafkaBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** @param partitions default partition count of topics created through {@link #createTopic} */
    public static KafkaBroker start(int partitions) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                // one broker: internal topics cannot have more replicas than that
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1"));
        broker.afterPropertiesSet();
        return new KafkaBroker(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** Creates a topic with the default partition count and the given topic configs (e.g. max.message.bytes). */
    public void createTopic(String name, Map<String, String> configs) {
        createTopic(name, broker.getPartitionsPerTopic(), configs);
    }

    public void createTopic(String name, int partitions, Map<String, String> configs) {
        broker.addTopics(new NewTopic(name, partitions, (short) 1).configs(configs));
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
