package com.bulkimport.relay.publish;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.relay.RelayApplication;
import com.bulkimport.relay.outbox.OutboxRelay;
import com.bulkimport.relay.testing.OutboxRows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every transport must do, run against each one on its real server (local PutEvents endpoint
 * with event-ruler routing into ElasticMQ, ElasticMQ standard and FIFO queues, a KRaft Kafka broker):
 * every event once with its type and trace id, calls within the service's limits, a too-large event
 * DEAD without holding up the rest, a rejected entry DEAD while its neighbours go out, per-aggregate
 * order where the transport promises it, and each event at its audience's destination only (the work
 * queue or topic gets work and nothing else).
 */
@SpringBootTest(classes = RelayApplication.class,
        properties = {"spring.config.name=outbox-relay", "bulkimport.relay.enabled=false"})
abstract class TransportContract {

    static final LocalInfra INFRA = LocalInfra.shared();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** One message as the consumer sees it; {@code key} is the aggregate id where the transport carries one. */
    record Received(UUID eventId, String type, String traceId, String key) {
    }

    @Autowired
    OutboxRelay relay;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MeterRegistry meters;
    OutboxRows rows;

    /** An event type the transport's destination receives (EventBridge routes only work types to the queue). */
    abstract String eventType();

    /** The largest event the transport takes, in bytes of payload. */
    abstract int maxEventBytes();

    /** Writes a row the transport's server refuses on its own (a per-entry, permanent error). */
    abstract UUID writeRejected(String aggregate);

    abstract boolean promisesOrder();

    abstract boolean carriesAggregateKey();

    /** Forget what was delivered before: the next {@link #receive} sees only what comes next. */
    abstract void startReceiving();

    /** Waits for at least {@code atLeast} messages, and a little longer so copies would show too. */
    abstract List<Received> receive(int atLeast);

    /** Where a consumer finds an event of {@code type} (a queue URL, a topic); empty: nowhere. */
    abstract Optional<String> destinationOf(String type);

    /** Every destination the routing case looks at, the work destination among them. */
    abstract Set<String> destinations();

    /** The work queue or topic. */
    abstract String workDestination();

    /** As {@link #receive}, at one destination. */
    abstract List<Received> receiveAt(String destination, int atLeast);

    /** True when the relay decides where an event goes (SQS, Kafka); false when the bus's rules do (EventBridge). */
    abstract boolean routesItself();

    @BeforeEach
    void cleanSlate() {
        rows = new OutboxRows(jdbc);
        rows.settleEverythingPending();
        startReceiving();
    }

    int drain() {
        int total = 0;
        int handled;
        while ((handled = relay.relayOnce()) > 0) {
            total += handled;
        }
        return total;
    }

    @Test
    void saysWhetherItKeepsOrder() {
        assertThat(relay.publisher().preservesOrder()).isEqualTo(promisesOrder());
    }

    @Test
    void publishesEveryEventOnceWithItsTypeTraceIdAndKey() {
        List<EventEnvelope> events = IntStream.range(0, 3)
                .mapToObj(i -> rows.write(eventType(), "job-" + i, Map.of("seq", i))).toList();

        assertThat(drain()).isEqualTo(3);

        List<Received> received = receive(3);
        assertThat(received).hasSize(3);
        for (int i = 0; i < 3; i++) {
            EventEnvelope event = events.get(i);
            Received message = received.stream().filter(r -> r.eventId().equals(event.eventId())).findFirst()
                    .orElseThrow();
            assertThat(message.type()).isEqualTo(eventType());
            assertThat(message.traceId()).isEqualTo(event.traceId());
            if (carriesAggregateKey()) {
                assertThat(message.key()).isEqualTo("job-" + i);
            }
            assertThat(rows.status(event.eventId())).isEqualTo("PUBLISHED");
        }
    }

    @Test
    void staysWithinTheCallLimitsOfItsService() {
        // 12 × 40 KB cannot go in one 256 KB call, and 27 entries not in one call of 10
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            events.add(rows.write(eventType(), "job-" + (i % 4), Map.of("pad", "x".repeat(i < 12 ? 40_000 : 10))));
        }

        assertThat(drain()).isEqualTo(27);

        List<UUID> ids = events.stream().map(EventEnvelope::eventId).toList();
        assertThat(rows.count("PUBLISHED", ids)).isEqualTo(27);
        assertThat(receive(27)).extracting(Received::eventId).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void anEventTooLargeForTheTransportIsDeadAtOnceAndBlocksNothing() {
        EventEnvelope huge = rows.write(eventType(), "job-1", Map.of("blob", "x".repeat(maxEventBytes() + 1024)));
        EventEnvelope small = rows.write(eventType(), "job-1", Map.of("seq", 1));

        drain();

        assertThat(rows.status(huge.eventId())).isEqualTo("DEAD");
        assertThat(rows.row(huge.eventId())).containsEntry("attempts", 1);
        assertThat((String) rows.row(huge.eventId()).get("last_error")).contains("at most");
        assertThat(rows.status(small.eventId())).isEqualTo("PUBLISHED");
        assertThat(receive(1)).extracting(Received::eventId).containsExactly(small.eventId());
    }

    @Test
    void anEntryTheServerRejectsIsDeadWhileItsNeighboursGoOut() {
        EventEnvelope before = rows.write(eventType(), "job-1", Map.of("seq", 1));
        UUID rejected = writeRejected("job-2");
        EventEnvelope after = rows.write(eventType(), "job-3", Map.of("seq", 3));

        assertThat(drain()).isEqualTo(3);

        assertThat(rows.row(rejected)).containsEntry("status", "DEAD");
        assertThat((String) rows.row(rejected).get("last_error")).isNotBlank();
        assertThat(rows.status(before.eventId())).isEqualTo("PUBLISHED");
        assertThat(rows.status(after.eventId())).isEqualTo("PUBLISHED");
        assertThat(receive(2)).extracting(Received::eventId)
                .containsExactlyInAnyOrder(before.eventId(), after.eventId());
    }

    @Test
    void keepsEachAggregatesOrderWithSeveralRelaysAndARetryInTheWayWhereOrderIsPromised() throws Exception {
        List<String> aggregates = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            aggregates.addAll(List.of("order-a", "order-b", "order-c"));
        }
        List<EventEnvelope> events = rows.writeInOneTransaction(tx, aggregates, eventType(), 10);
        Map<String, List<UUID>> written = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            written.computeIfAbsent(aggregates.get(i), a -> new ArrayList<>()).add(events.get(i).eventId());
        }
        // the fifth event of order-a failed once and waits for its retry: the rest of order-a must wait too
        UUID waiting = written.get("order-a").get(4);
        jdbc.sql("UPDATE outbox_events SET attempts = 1, available_at = now() + interval '1 hour' WHERE id = :id")
                .param("id", waiting).update();

        twoRelaysUntilIdle();

        assertThat(rows.count("PUBLISHED", written.get("order-a").subList(0, 4))).isEqualTo(4);
        if (promisesOrder()) {
            assertThat(rows.count("PENDING", written.get("order-a").subList(4, 40))).isEqualTo(36);
        } else {
            // no order promised: the rest of the aggregate does not wait
            assertThat(rows.count("PUBLISHED", written.get("order-a").subList(5, 40))).isEqualTo(35);
        }
        assertThat(rows.count("PUBLISHED", written.get("order-b"))).isEqualTo(40);
        assertThat(rows.count("PUBLISHED", written.get("order-c"))).isEqualTo(40);

        jdbc.sql("UPDATE outbox_events SET available_at = now() WHERE id = :id").param("id", waiting).update();
        twoRelaysUntilIdle();

        List<Received> received = receive(120);
        assertThat(received).extracting(Received::eventId)
                .containsExactlyInAnyOrderElementsOf(events.stream().map(EventEnvelope::eventId).toList());
        if (promisesOrder()) {
            Map<String, List<UUID>> arrived = new LinkedHashMap<>();
            for (Received message : received) {
                arrived.computeIfAbsent(message.key(), k -> new ArrayList<>()).add(message.eventId());
            }
            assertThat(arrived).isEqualTo(written);
        }
    }

    @Test
    void sendsEachEventToItsAudiencesDestinationOnlyAndNothingButWorkToTheWorkDestination() {
        double unroutedBefore = unrouted();
        Map<UUID, String> aggregateOf = new LinkedHashMap<>();
        Map<UUID, String> typeOf = new LinkedHashMap<>();
        List<String> types = new ArrayList<>(Arrays.stream(EventType.values()).map(EventType::name).toList());
        types.add("IMPORT_SOMETHING_NEW"); // a type this version does not know: for nobody
        for (String type : types) {
            Optional<String> record = EventType.named(type).flatMap(EventType::recordName);
            EventEnvelope event = record.isPresent()
                    ? rows.writeRecordEvent(type, record.get(), "4711")
                    : rows.write(type, "job-routing", Map.of("routing", true));
            aggregateOf.put(event.eventId(), record.isPresent() ? "4711" : "job-routing");
            typeOf.put(event.eventId(), type);
        }

        assertThat(drain()).isEqualTo(types.size());

        assertThat(rows.count("PUBLISHED", List.copyOf(typeOf.keySet()))).isEqualTo(types.size());
        for (String destination : destinations()) {
            List<UUID> expected = typeOf.entrySet().stream()
                    .filter(e -> destinationOf(e.getValue()).filter(destination::equals).isPresent())
                    .map(Map.Entry::getKey).toList();
            List<Received> arrived = receiveAt(destination, expected.size());
            assertThat(arrived).as(destination).extracting(Received::eventId)
                    .containsExactlyInAnyOrderElementsOf(expected);
            arrived.forEach(message -> {
                assertThat(message.type()).isEqualTo(typeOf.get(message.eventId()));
                if (carriesAggregateKey()) {
                    assertThat(message.key()).isEqualTo(aggregateOf.get(message.eventId()));
                }
            });
            if (destination.equals(workDestination())) {
                assertThat(arrived).extracting(Received::type)
                        .containsExactlyInAnyOrder("IMPORT_JOB_STARTED", "IMPORT_BATCH_READY", "IMPORT_IMAGES_RETRY");
            }
        }
        long forNobody = types.stream().filter(type -> destinationOf(type).isEmpty()).count();
        assertThat(unrouted() - unroutedBefore).as("counted as unrouted: not sent, marked published")
                .isEqualTo(routesItself() ? forNobody : 0);
    }

    private double unrouted() {
        return meters.find("bulkimport.outbox.published").tag("outcome", "unrouted").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Two relays claiming side by side (SKIP LOCKED), until neither finds anything. */
    private void twoRelaysUntilIdle() throws Exception {
        for (int idleRounds = 0; idleRounds < 3; ) {
            CompletableFuture<Integer> one = CompletableFuture.supplyAsync(relay::relayOnce);
            CompletableFuture<Integer> two = CompletableFuture.supplyAsync(relay::relayOnce);
            idleRounds = one.get() + two.get() == 0 ? idleRounds + 1 : 0;
        }
    }
}
