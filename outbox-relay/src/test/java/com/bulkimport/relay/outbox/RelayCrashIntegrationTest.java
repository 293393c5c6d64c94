package com.bulkimport.relay.outbox;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.support.tracing.JobTraces;
import com.bulkimport.relay.RelayApplication;
import com.bulkimport.relay.metrics.OutboxMetrics;
import com.bulkimport.relay.publish.PublishOutcome;
import com.bulkimport.relay.publish.Publisher;
import com.bulkimport.relay.testing.OutboxRows;
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
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A relay that dies between publishing and marking: the events reach the queue, but the database
 * never hears of it. They go out again, and a consumer's inbox (the same table and SQL the batch
 * worker uses) keeps the copies from having any effect.
 */
@SpringBootTest(classes = RelayApplication.class,
        properties = {"spring.config.name=outbox-relay", "bulkimport.relay.enabled=false",
                "bulkimport.relay.transport=sqs"})
class RelayCrashIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();
    static final String CONSUMER = "relay-crash-test";
    private static String queueUrl;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        try (SqsClient sqs = INFRA.sqs().client()) {
            queueUrl = sqs.createQueue(b -> b.queueName("relay-crash")).queueUrl();
        }
        registry.add("bulkimport.relay.sqs.queue-url", () -> queueUrl);
    }

    @Autowired
    OutboxRelay relay;
    @Autowired
    OutboxStore store;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    RelayProperties properties;
    @Autowired
    OutboxMetrics metrics;
    @Autowired
    JobTraces traces;
    @Autowired
    JdbcClient jdbc;

    private final SqsClient sqs = INFRA.sqs().client();
    private OutboxRows rows;

    @BeforeEach
    void cleanSlate() {
        rows = new OutboxRows(jdbc);
        rows.settleEverythingPending();
        sqs.purgeQueue(b -> b.queueUrl(queueUrl));
        jdbc.sql("CREATE TABLE IF NOT EXISTS relay_crash_effects (event_id uuid NOT NULL)").update();
    }

    /** The real transport, then the relay's database session dies, as when its process is killed. */
    private Publisher crashingAfterPublish(Publisher real) {
        return new Publisher() {
            @Override
            public List<PublishOutcome> publish(List<OutboxMessage> messages) {
                List<PublishOutcome> outcomes = real.publish(messages);
                jdbc.sql("SELECT pg_terminate_backend(pg_backend_pid())").query().listOfRows();
                return outcomes;
            }

            @Override
            public String name() {
                return real.name();
            }
        };
    }

    @Test
    void eventsPublishedButNotMarkedGoOutAgainAndTheInboxDropsTheCopies() {
        List<EventEnvelope> events = IntStream.range(0, 5)
                .mapToObj(i -> rows.write("IMPORT_BATCH_READY", "job-crash", Map.of("seq", i))).toList();
        List<UUID> ids = events.stream().map(EventEnvelope::eventId).toList();
        OutboxRelay dying = new OutboxRelay(store, crashingAfterPublish(relay.publisher()), tx, properties, metrics, traces);

        assertThatThrownBy(dying::relayOnce).as("the relay's session died mid-round").isInstanceOf(RuntimeException.class);

        assertThat(rows.count("PENDING", ids)).as("the marks never committed").isEqualTo(5);
        assertThat(jdbc.sql("SELECT sum(attempts) FROM outbox_events WHERE id IN (:ids)").param("ids", ids)
                .query(Long.class).single()).isZero();

        assertThat(relay.relayOnce()).isEqualTo(5);
        assertThat(rows.count("PUBLISHED", ids)).isEqualTo(5);

        List<Message> delivered = receive(10);
        assertThat(delivered).hasSize(10);
        int applied = 0;
        for (Message message : delivered) {
            applied += consume(message) ? 1 : 0;
        }
        assertThat(applied).as("each event takes effect once").isEqualTo(5);
        assertThat(jdbc.sql("SELECT count(*) FROM relay_crash_effects WHERE event_id IN (:ids)").param("ids", ids)
                .query(Long.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox_messages WHERE consumer = :c AND event_id IN (:ids)")
                .param("c", CONSUMER).param("ids", ids).query(Long.class).single()).isEqualTo(5);
    }

    /** A consumer as the worker is one: the effect and the inbox row commit together. */
    private boolean consume(Message message) {
        UUID eventId = UUID.fromString(JsonMapper.builder().build().readTree(message.body()).get("event_id").asString());
        Boolean applied = tx.execute(status -> {
            boolean first = jdbc.sql("INSERT INTO inbox_messages (consumer, event_id) VALUES (:c, :id) ON CONFLICT DO NOTHING")
                    .param("c", CONSUMER).param("id", eventId).update() == 1;
            if (first) {
                jdbc.sql("INSERT INTO relay_crash_effects (event_id) VALUES (:id)").param("id", eventId).update();
            }
            return first;
        });
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        return Boolean.TRUE.equals(applied);
    }

    private List<Message> receive(int atLeast) {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 20 && all.size() < atLeast; i++) {
            all.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages());
        }
        all.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages());
        return all;
    }
}
