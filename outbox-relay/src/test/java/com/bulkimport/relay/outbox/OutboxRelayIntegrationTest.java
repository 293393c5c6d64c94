package com.bulkimport.relay.outbox;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.PutEventsEndpoint;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.relay.RelayApplication;
import com.bulkimport.relay.testing.OutboxRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay against real PostgreSQL, the local PutEvents endpoint (event-ruler routing) and ElasticMQ. */
@SpringBootTest(classes = RelayApplication.class, properties = {"spring.config.name=outbox-relay",
        "bulkimport.relay.enabled=false", "server.port=0"})
class OutboxRelayIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    OutboxRelay relay;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutboxStore store;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    DataSource dataSource;

    SqsClient sqs = INFRA.sqs().client();

    @BeforeEach
    void clean() {
        jdbc.sql("UPDATE outbox_events SET status = 'PUBLISHED' WHERE status = 'PENDING'").update();
        sqs.purgeQueue(b -> b.queueUrl(INFRA.workQueueUrl()));
    }

    @AfterEach
    void clearFaults() {
        INFRA.events().clearFaults();
    }

    private EventEnvelope write(EventType type, Map<String, Object> payload) {
        return write(type, payload, UUID.randomUUID().toString());
    }

    private EventEnvelope write(EventType type, Map<String, Object> payload, String jobId) {
        EventEnvelope event = EventEnvelope.of(type, "bulk-import.import-api", "trace-" + UUID.randomUUID(),
                "PENDING", payload);
        OutboxRows.append(jdbc, jobId, event);
        return event;
    }

    private List<EventEnvelope> received(int atLeast) {
        List<EventEnvelope> all = new ArrayList<>();
        for (int i = 0; i < 10 && all.size() < atLeast; i++) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(INFRA.workQueueUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                all.add(EventCodec.decode(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(INFRA.workQueueUrl()).receiptHandle(m.receiptHandle()));
            }
        }
        return all;
    }

    private String statusOf(EventEnvelope event) {
        return jdbc.sql("SELECT status FROM outbox_events WHERE id = :id").param("id", event.eventId())
                .query(String.class).single();
    }

    @Test
    void publishesPendingEventsAndRoutesWorkToTheQueue() {
        EventEnvelope started = write(EventType.IMPORT_JOB_STARTED, Map.of("job_id", "a"));
        EventEnvelope created = write(EventType.IMPORT_JOB_CREATED, Map.of("job_id", "b"));

        assertThat(relay.relayOnce()).isEqualTo(2);

        assertThat(statusOf(started)).isEqualTo("PUBLISHED");
        assertThat(statusOf(created)).isEqualTo("PUBLISHED");
        List<EventEnvelope> onQueue = received(1);
        assertThat(onQueue).containsExactly(started);
        assertThat(relay.relayOnce()).isZero();
    }

    /** The work lane's round takes work events only, however many record events wait before them. */
    @Test
    void theWorkLaneTakesOnlyWorkEvents() {
        List<EventEnvelope> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(write(EventType.PRODUCT_CREATED, Map.of("record_id", i)));
        }
        EventEnvelope completed = write(EventType.IMPORT_JOB_COMPLETED, Map.of("job_id", "c"));
        EventEnvelope started = write(EventType.IMPORT_JOB_STARTED, Map.of("job_id", "d"));
        EventEnvelope ready = write(EventType.IMPORT_BATCH_READY, Map.of("seq", 0));

        assertThat(relay.workRound().claimed()).isEqualTo(2);

        assertThat(statusOf(started)).isEqualTo("PUBLISHED");
        assertThat(statusOf(ready)).isEqualTo("PUBLISHED");
        assertThat(received(2)).containsExactly(started, ready);
        assertThat(statusOf(completed)).isEqualTo("PENDING");
        records.forEach(record -> assertThat(statusOf(record)).isEqualTo("PENDING"));
        assertThat(relay.workRound().claimed()).isZero();
        assertThat(relay.relayOnce()).isEqualTo(4);
    }

    /**
     * While claims come back full, each starts at the lowest seq the one before it locked (ClaimFloors): a row made
     * pending again below it (a replay) waits until a claim finds the backlog's end, then the next walks from the
     * start and takes it.
     */
    @Test
    void aRowBelowTheClaimFloorIsClaimedOnceTheBacklogEnds() {
        List<EventEnvelope> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(write(EventType.PRODUCT_CREATED, Map.of("record_id", i)));
        }
        List<OutboxMessage> first = store.claim(2).messages();
        assertThat(first).extracting(OutboxMessage::id).containsExactly(id(records.get(0)), id(records.get(1)));
        store.markPublished(first);
        List<OutboxMessage> second = store.claim(2).messages();
        assertThat(second).extracting(OutboxMessage::id).containsExactly(id(records.get(2)), id(records.get(3)));
        store.markPublished(second);
        jdbc.sql("UPDATE outbox_events SET status = 'PENDING' WHERE id = :id").param("id", id(records.get(0))).update();

        assertThat(claimIds(2)).containsExactly(id(records.get(4)));
        assertThat(claimIds(2)).containsExactly(id(records.get(0)), id(records.get(4)));
    }

    /**
     * The ordered claim keeps each aggregate's order against rows it cannot take: a row whose older sibling another
     * relay holds is let go (and unlocked, so that relay can take it next), and a row behind a sibling that waits for
     * its retry is not even locked; the other aggregates' rows go meanwhile.
     */
    @Test
    void anOrderedClaimLetsGoOfRowsBehindAnOlderRowItCannotTake() throws Exception {
        EventEnvelope heldHead = write(EventType.IMPORT_BATCH_READY, Map.of("n", 1), "held");
        EventEnvelope heldNext = write(EventType.IMPORT_BATCH_READY, Map.of("n", 2), "held");
        EventEnvelope retryingHead = write(EventType.IMPORT_BATCH_READY, Map.of("n", 3), "retrying");
        EventEnvelope retryingNext = write(EventType.IMPORT_BATCH_READY, Map.of("n", 4), "retrying");
        EventEnvelope free = write(EventType.IMPORT_BATCH_READY, Map.of("n", 5), "free");
        jdbc.sql("UPDATE outbox_events SET attempts = 1, available_at = now() + interval '1 hour' WHERE id = :id")
                .param("id", retryingHead.eventId()).update();

        try (Connection otherRelay = dataSource.getConnection()) {
            otherRelay.setAutoCommit(false);
            try (PreparedStatement lock = otherRelay.prepareStatement(
                    "SELECT id FROM outbox_events WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, heldHead.eventId());
                lock.executeQuery().close();
            }
            OutboxStore.Claim claim = tx.execute(status -> {
                OutboxStore.Claim inOrder = store.claimInOrder(10, 0, 1);
                // let go at once: another transaction takes the row the claim did not keep
                assertThat(unlocked(heldNext)).isTrue();
                return inOrder;
            });
            assertThat(claim.messages()).extracting(OutboxMessage::id).containsExactly(free.eventId());
            assertThat(claim.locked()).as("heldNext and free; never retryingNext").isEqualTo(2);
            otherRelay.rollback();
        }

        OutboxStore.Claim next = tx.execute(status -> store.claimInOrder(10, 0, 1));
        assertThat(next.messages()).extracting(OutboxMessage::id)
                .containsExactly(heldHead.eventId(), heldNext.eventId(), free.eventId());
        assertThat(retryingNext.eventId()).isNotIn(next.messages().stream().map(OutboxMessage::id).toList());
    }

    /** @return whether another transaction can lock the event's row now */
    private boolean unlocked(EventEnvelope event) {
        try (Connection other = dataSource.getConnection();
             PreparedStatement lock = other.prepareStatement(
                     "SELECT id FROM outbox_events WHERE id = ? FOR UPDATE SKIP LOCKED")) {
            lock.setObject(1, event.eventId());
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<UUID> claimIds(int limit) {
        return store.claim(limit).messages().stream().map(OutboxMessage::id).toList();
    }

    private static UUID id(EventEnvelope event) {
        return event.eventId();
    }

    @Test
    void aRejectedEntryIsRetriedLaterAndTheOthersAreNotSentAgain() {
        EventEnvelope first = write(EventType.IMPORT_BATCH_READY, Map.of("seq", 1));
        EventEnvelope rejected = write(EventType.IMPORT_BATCH_READY, Map.of("seq", 2));
        EventEnvelope third = write(EventType.IMPORT_BATCH_READY, Map.of("seq", 3));
        PutEventsEndpoint.Fault fault = INFRA.events().failEntries(
                d -> rejected.eventId().toString().equals(d.path("event_id").asString()), "ThrottlingException", 1);

        relay.relayOnce();

        assertThat(fault.fired().get()).isEqualTo(1);
        assertThat(statusOf(first)).isEqualTo("PUBLISHED");
        assertThat(statusOf(third)).isEqualTo("PUBLISHED");
        Map<String, Object> retry = jdbc.sql("""
                        SELECT status, attempts, last_error, available_at > now() AS later
                        FROM outbox_events WHERE id = :id""")
                .param("id", rejected.eventId()).query().singleRow();
        assertThat(retry).containsEntry("status", "PENDING").containsEntry("attempts", 1).containsEntry("later", true);
        assertThat((String) retry.get("last_error")).startsWith("ThrottlingException");
        assertThat(received(2)).containsExactlyInAnyOrder(first, third);
        assertThat(relay.relayOnce()).as("not due yet").isZero();

        jdbc.sql("UPDATE outbox_events SET available_at = now() WHERE id = :id").param("id", rejected.eventId()).update();
        assertThat(relay.relayOnce()).isEqualTo(1);

        assertThat(statusOf(rejected)).isEqualTo("PUBLISHED");
        assertThat(received(1)).containsExactly(rejected);
    }

    @Test
    void anEventTooLargeForEventBridgeIsDeadAtOnceAndBlocksNothing() {
        EventEnvelope huge = write(EventType.IMPORT_BATCH_READY, Map.of("blob", "x".repeat(300 * 1024)));
        EventEnvelope small = write(EventType.IMPORT_BATCH_READY, Map.of("seq", 1));

        relay.relayOnce();

        assertThat(statusOf(huge)).isEqualTo("DEAD");
        assertThat(jdbc.sql("SELECT last_error FROM outbox_events WHERE id = :id").param("id", huge.eventId())
                .query(String.class).single()).contains("EventBridge takes at most 262144");
        assertThat(statusOf(small)).isEqualTo("PUBLISHED");
        assertThat(received(1)).containsExactly(small);
    }

    @Test
    void anEventThatKeepsFailingGoesDeadAfterMaxAttempts() {
        EventEnvelope doomed = write(EventType.IMPORT_BATCH_READY, Map.of("seq", 9));
        INFRA.events().failEntries(d -> doomed.eventId().toString().equals(d.path("event_id").asString()),
                "InternalFailure", 100);

        for (int attempt = 1; attempt <= 10; attempt++) {
            jdbc.sql("UPDATE outbox_events SET available_at = now() WHERE id = :id").param("id", doomed.eventId())
                    .update();
            assertThat(relay.relayOnce()).isEqualTo(1);
        }

        assertThat(statusOf(doomed)).isEqualTo("DEAD");
        assertThat(jdbc.sql("SELECT attempts FROM outbox_events WHERE id = :id").param("id", doomed.eventId())
                .query(Integer.class).single()).isEqualTo(10);
    }
}
