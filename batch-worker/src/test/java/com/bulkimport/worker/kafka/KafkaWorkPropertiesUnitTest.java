package com.bulkimport.worker.kafka;

import com.bulkimport.worker.queue.WorkerProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KafkaWorkPropertiesUnitTest {

    private static KafkaWorkProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("bulkimport.worker.kafka", KafkaWorkProperties.class);
    }

    @Test
    void defaultsMatchTheRelaysTopicAndPutDeadLettersBesideIt() {
        KafkaWorkProperties kafka = bind(Map.of());

        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(kafka.topic()).isEqualTo("bulk-import.events");
        assertThat(kafka.deadLetterTopic()).isEqualTo("bulk-import.events.DLT");
        assertThat(kafka.groupId()).isEqualTo("batch-worker");
        assertThat(kafka.deadLetterGroupId()).isEqualTo("batch-worker-dlt");
        assertThat(kafka.retry()).isEqualTo(new KafkaWorkProperties.Retry(Duration.ofSeconds(1), 2.0,
                Duration.ofSeconds(30), 4));
        assertThat(kafka.maxNackDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(kafka.createTopics()).isTrue();
    }

    @Test
    void aBlankDeadLetterTopicFollowsTheTopicAndANamedOneIsKept() {
        assertThat(bind(Map.of("bulkimport.worker.kafka.topic", "work", "bulkimport.worker.kafka.dead-letter-topic", ""))
                .deadLetterTopic()).isEqualTo("work.DLT");
        assertThat(bind(Map.of("bulkimport.worker.kafka.dead-letter-topic", "parked")).deadLetterTopic())
                .isEqualTo("parked");
    }

    @Test
    void clientSettingsCannotTurnOffManualCommitsOrTheSafeProducer() {
        KafkaWorkProperties kafka = bind(Map.of("bulkimport.worker.kafka.properties.security.protocol", "SSL",
                "bulkimport.worker.kafka.consumer.enable.auto.commit", "true",
                "bulkimport.worker.kafka.producer.acks", "1"));

        assertThat(KafkaClients.consumer(kafka)).containsEntry("enable.auto.commit", false)
                .containsEntry("security.protocol", "SSL").containsEntry("group.id", "batch-worker")
                .containsEntry("auto.offset.reset", "earliest").containsEntry("max.poll.interval.ms", 900_000);
        assertThat(KafkaClients.producer(kafka)).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("security.protocol", "SSL");
        assertThat(KafkaClients.admin(kafka)).containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", "127.0.0.1:9092");
    }

    @Test
    void theTransportIsSqsByDefaultAndATypoStopsTheWorker() {
        assertThat(new WorkerProperties(1, null, null, null, null, true).transport()).isEqualTo("sqs");
        assertThat(new WorkerProperties(1, null, null, null, " Kafka ", true).transport()).isEqualTo("kafka");
        assertThatIllegalArgumentException().isThrownBy(() -> new WorkerProperties(1, null, null, null, "kafak", true))
                .withMessage("bulkimport.worker.transport must be sqs or kafka, got 'kafak'");
    }
}
