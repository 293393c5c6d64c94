package com.bulkimport.relay.publish;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.relay.RelayApplication;
import com.bulkimport.relay.outbox.OutboxMessage;
import com.bulkimport.relay.testing.SharedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka producer is idempotent with {@code acks=all} even when the configuration asks for less
 * (the settings below try to turn both off): the settings it was built with say so, and the broker
 * keeps an idempotent producer's state (producer id, sequence numbers) for the partition it wrote.
 * The Kafka client refuses to start an idempotent producer with any other acks, so that state also
 * vouches for acks=all (one broker cannot show the difference itself: it clamps min.insync.replicas
 * to the replication factor, so acks=all and acks=1 behave alike here).
 */
@SpringBootTest(classes = RelayApplication.class, properties = {"spring.config.name=outbox-relay",
        "bulkimport.relay.enabled=false", "bulkimport.relay.transport=kafka",
        "bulkimport.relay.kafka.producer.acks=1", "bulkimport.relay.kafka.producer.enable.idempotence=false",
        "bulkimport.relay.kafka.producer.max.in.flight.requests.per.connection=20"})
class KafkaProducerGuaranteesIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();
    static final String TOPIC = "relay-producer-guarantees-" + UUID.randomUUID().toString().substring(0, 8);
    static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        SharedKafka.broker().createTopic(TOPIC, 1, Map.of());
        registry.add("bulkimport.relay.kafka.bootstrap-servers", () -> SharedKafka.broker().bootstrapServers());
        registry.add("bulkimport.relay.kafka.topic", () -> TOPIC);
    }

    @Autowired
    Publisher publisher;

    private static OutboxMessage message(int n) {
        return OutboxMessage.of(UUID.randomUUID(), "import_job", "job-guarantees", "IMPORT_BATCH_READY",
                "{\"n\":" + n + "}", "trace-" + n);
    }

    @Test
    void theProducerIsIdempotentWithAcksAllWhateverTheConfigurationAsks() throws Exception {
        Map<String, Object> config = ((KafkaPublisher) publisher).producerConfig();
        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);

        List<PublishOutcome> outcomes = publisher.publish(IntStream.range(0, 5).mapToObj(
                KafkaProducerGuaranteesIntegrationTest::message).toList());
        assertThat(outcomes).extracting(PublishOutcome::status).containsOnly(PublishOutcome.Status.PUBLISHED);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.broker().bootstrapServers()))) {
            // only idempotent (or transactional) producers leave a producer state on the partition
            List<ProducerState> producers = admin.describeProducers(List.of(PARTITION)).partitionResult(PARTITION).get()
                    .activeProducers();
            assertThat(producers).hasSize(1);
            assertThat(producers.get(0).producerId()).isNotNegative();
            assertThat(producers.get(0).producerEpoch()).isZero();
            assertThat(producers.get(0).lastSequence()).as("five records, sequences 0..4").isEqualTo(4);
            assertThat(endOffset(admin, PARTITION)).isEqualTo(5);
        }
    }

    private static long endOffset(Admin admin, TopicPartition partition) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
    }
}
