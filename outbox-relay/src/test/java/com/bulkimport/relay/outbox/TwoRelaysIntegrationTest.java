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
 * relays did part of the work. Once with one loop per relay, once with three loops per relay, each
 * loop claiming its own hash share of the aggregates ({@code bulkimport.relay.threads}), over many
 * aggregates so that every share of every relay has work.
 */
class TwoRelaysIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();
    static final int EVENTS = 10_000;

    @Test
    void tenThousandEventsEachPublishedOnceInOrderPerAggregate() {
        twoRelays("relay-two-relays", 1, 50);
    }

    @Test
    void twoRelaysOfThreeThreadsEachPublishEveryEventOnceInOrderPerAggregate() {
        twoRelays("relay-two-relays-threads", 3, 500);
    }

    private void twoRelays(String topic, int threads, int aggregateCount) {
        SharedKafka.broker().createTopic(topic, 4, Map.of());
        Map<String, String> kafka = Map.of(
                "bulkimport.relay.transport", "kafka",
                "bulkimport.relay.kafka.bootstrap-servers", SharedKafka.broker().bootstrapServers(),
                "bulkimport.relay.kafka.topic", topic,
                "bulkimport.relay.batch-size", "250",
                "bulkimport.relay.threads", String.valueOf(threads));
        try (KafkaConsumer<String, String> consumer = SharedKafka.consumerAtEnd(topic);
             ConfigurableApplicationContext one = RelayContexts.start(INFRA, kafka);
             ConfigurableApplicationContext two = RelayContexts.start(INFRA, kafka)) {
            assertThat(one.getBean(RelayProperties.class).threads()).isEqualTo(threads);
            JdbcClient jdbc = one.getBean(JdbcClient.class);
            TransactionTemplate tx = one.getBean(TransactionTemplate.class);
            OutboxRows rows = new OutboxRows(jdbc);

            List<EventEnvelope> events = new ArrayList<>(EVENTS);
            List<String> aggregates = new ArrayList<>(EVENTS);
            for (int t = 0; t < EVENTS / 1000; t++) {
                List<String> inThisTransaction = new ArrayList<>(1000);
                for (int i = 0; i < 1000; i++) {
                    inThisTransaction.add(topic + "-" + (t * 1000 + i) % aggregateCount);
                }
                events.addAll(rows.writeInOneTransaction(tx, inThisTransaction, "IMPORT_BATCH_READY", 100));
                aggregates.addAll(inThisTransaction);
            }
            List<UUID> ids = events.stream().map(EventEnvelope::eventId).toList();
            OutboxRows.await("all published", Duration.ofSeconds(90),
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
            assertThat(written).hasSize(aggregateCount);
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
