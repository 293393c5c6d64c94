package com.bulkimport.relay.outbox;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.relay.testing.OutboxRows;
import com.bulkimport.relay.testing.RelayContexts;
import com.bulkimport.relay.testing.SharedKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two whole relays on one database and one Kafka topic, 10,000 events written in 1,000-row
 * transactions: every event is published exactly once, each aggregate in creation order, and both
 * relays did part of the work.
 */
class TwoRelaysIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();
    static final String TOPIC = "relay-two-relays";
    static final int EVENTS = 10_000;
    static final int AGGREGATES = 50;

    @Test
    void tenThousandEventsEachPublishedOnceInOrderPerAggregate() {
        SharedKafka.broker().createTopic(TOPIC, 4, Map.of());
        Map<String, String> kafka = Map.of(
                "bulkimport.relay.transport", "kafka",
                "bulkimport.relay.kafka.bootstrap-servers", SharedKafka.broker().bootstrapServers(),
                "bulkimport.relay.kafka.topic", TOPIC,
                "bulkimport.relay.batch-size", "250");
        try (KafkaConsumer<String, String> consumer = SharedKafka.consumerAtEnd(TOPIC);
             ConfigurableApplicationContext one = RelayContexts.start(INFRA, kafka);
             ConfigurableApplicationContext two = RelayContexts.start(INFRA, kafka)) {
            JdbcClient jdbc = one.getBean(JdbcClient.class);
            TransactionTemplate tx = one.getBean(TransactionTemplate.class);
            OutboxRows rows = new OutboxRows(jdbc);

            List<EventEnvelope> events = new ArrayList<>(EVENTS);
            List<String> aggregates = new ArrayList<>(EVENTS);
            for (int t = 0; t < EVENTS / 1000; t++) {
                List<String> inThisTransaction = new ArrayList<>(1000);
                for (int i = 0; i < 1000; i++) {
                    inThisTransaction.add("two-relays-" + (t * 1000 + i) % AGGREGATES);
                }
                events.addAll(rows.writeInOneTransaction(tx, inThisTransaction, "IMPORT_BATCH_READY", 100));
                aggregates.addAll(inThisTransaction);
            }
            List<UUID> ids = events.stream().map(EventEnvelope::eventId).toList();
            OutboxRows.await("all published", Duration.ofSeconds(60),
                    () -> jdbc.sql("SELECT count(*) FROM outbox_events WHERE status = 'PUBLISHED' AND id IN (:ids)")
                            .param("ids", ids).query(Long.class).single() == EVENTS);

            List<ConsumerRecord<String, String>> records = SharedKafka.poll(consumer, EVENTS, Duration.ofSeconds(30));
            Set<UUID> ours = new HashSet<>(ids);
            List<ConsumerRecord<String, String>> received = records.stream()
                    .filter(r -> ours.contains(eventId(r))).toList();
            assertThat(received).hasSize(EVENTS);
            assertThat(received.stream().map(TwoRelaysIntegrationTest::eventId).distinct().count()).isEqualTo(EVENTS);

            Map<String, List<UUID>> written = new LinkedHashMap<>();
            for (int i = 0; i < EVENTS; i++) {
                written.computeIfAbsent(aggregates.get(i), a -> new ArrayList<>()).add(ids.get(i));
            }
            Map<String, List<UUID>> arrived = new HashMap<>();
            received.forEach(r -> arrived.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(eventId(r)));
            assertThat(arrived).isEqualTo(written);

            double byOne = published(one);
            double byTwo = published(two);
            assertThat(byOne + byTwo).isGreaterThanOrEqualTo(EVENTS);
            assertThat(byOne).as("relay one did part of the work").isPositive();
            assertThat(byTwo).as("relay two did part of the work").isPositive();
        }
    }

    private static double published(ConfigurableApplicationContext relay) {
        return relay.getBean(MeterRegistry.class).find("bulkimport.outbox.published").tag("type", "IMPORT_BATCH_READY")
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static UUID eventId(ConsumerRecord<String, String> record) {
        return UUID.fromString(new String(record.headers().lastHeader("event_id").value(), StandardCharsets.UTF_8));
    }
}
