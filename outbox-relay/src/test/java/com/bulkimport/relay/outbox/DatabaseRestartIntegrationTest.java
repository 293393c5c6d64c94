package com.bulkimport.relay.outbox;

import com.bulkimport.local.embedded.FreePorts;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.PostgresServer;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.relay.testing.OutboxRows;
import com.bulkimport.relay.testing.RelayContexts;
import com.bulkimport.relay.wakeup.NotifyListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real PostgreSQL restart under a running relay: the server of this test (not the shared one) is
 * stopped ({@code pg_ctl stop -m fast}, which ends every session: the claim pool's and the LISTEN
 * connection) and started again on the same port and data directory, as an operator or a failover
 * would. The relay itself is never restarted: its pool and its listener must find the new server.
 *
 * <p>Reconnecting takes a moment that is not the relay's to choose (the pool retries with a backoff
 * of up to 5 s, the listener with its own), so each test first waits for one event written after the
 * restart to go out, and then holds the relay to its promise for the next: within the poll interval
 * by polling, within moments by NOTIFY.
 */
class DatabaseRestartIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();
    static final Duration POLL = Duration.ofSeconds(1);

    private Path dataDirectory;
    private int port;
    private PostgresServer postgres;
    private JdbcClient jdbc;
    private String queueUrl;
    private final SqsClient sqs = INFRA.sqs().client();

    @BeforeEach
    void ownServer() throws IOException {
        dataDirectory = Files.createTempDirectory("relay-restart-pg");
        port = FreePorts.find();
        postgres = PostgresServer.start(dataDirectory, port);
        // a fresh connection per statement: the test's own writes must not depend on surviving the restart
        jdbc = JdbcClient.create(new DriverManagerDataSource(postgres.jdbcUrl(), postgres.user(), postgres.password()));
        queueUrl = sqs.createQueue(b -> b.queueName("relay-restart")).queueUrl();
        sqs.purgeQueue(b -> b.queueUrl(queueUrl));
    }

    @AfterEach
    void stopServer() throws IOException {
        postgres.close();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private ConfigurableApplicationContext relay(Map<String, String> more) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of(
                "spring.datasource.url", postgres.jdbcUrl(),
                "bulkimport.relay.transport", "sqs",
                "bulkimport.relay.sqs.queue-url", queueUrl,
                // pacing of a failed round: bounded here so a round that hit the dying server does not sleep past a poll
                "bulkimport.relay.outage.max-delay", "1s"));
        properties.putAll(more);
        return RelayContexts.start(INFRA, properties);
    }

    /** Stops the server and starts it again on the same port and data directory. */
    private void restartPostgres() throws IOException, InterruptedException {
        OffsetDateTime before = startedAt();
        postgres.close();
        // long enough for the relay to try and fail against a server that is not there
        Thread.sleep(POLL.multipliedBy(2).toMillis());
        postgres = PostgresServer.start(dataDirectory, port);
        assertThat(postgres.port()).isEqualTo(port);
        assertThat(startedAt()).as("a new postmaster, not the old one").isAfter(before);
    }

    private OffsetDateTime startedAt() {
        return jdbc.sql("SELECT pg_postmaster_start_time()").query(OffsetDateTime.class).single();
    }

    private static long millisToPublish(OutboxRows rows, EventEnvelope event, Duration timeout) {
        long start = System.nanoTime();
        OutboxRows.await("event published", timeout, () -> "PUBLISHED".equals(rows.status(event.eventId())));
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void afterARestartThePollPublishesWithinItsIntervalAgain() throws Exception {
        try (ConfigurableApplicationContext relay = relay(Map.of(
                "bulkimport.relay.poll-interval", POLL.toMillis() + "ms",
                "bulkimport.relay.listen.enabled", "false"))) {
            RelayLoop loop = relay.getBean(RelayLoop.class);
            OutboxRows rows = new OutboxRows(jdbc);
            EventEnvelope first = rows.write("IMPORT_BATCH_READY", "job-restart", Map.of("n", 1));
            millisToPublish(rows, first, Duration.ofSeconds(10));

            restartPostgres();

            EventEnvelope reconnected = rows.write("IMPORT_BATCH_READY", "job-restart", Map.of("n", 2));
            millisToPublish(rows, reconnected, Duration.ofSeconds(30));
            Thread.sleep(200); // the loop is back in its idle wait
            EventEnvelope next = rows.write("IMPORT_BATCH_READY", "job-restart", Map.of("n", 3));

            // the wait after an idle round is the poll interval; the round itself takes milliseconds
            assertThat(millisToPublish(rows, next, Duration.ofSeconds(10))).isLessThan(POLL.toMillis() + 300);
            assertThat(loop.databaseOutage().ongoing()).isFalse();
            List<UUID> ids = List.of(first.eventId(), reconnected.eventId(), next.eventId());
            assertThat(jdbc.sql("SELECT sum(attempts) FROM outbox_events WHERE id IN (:ids)").param("ids", ids)
                    .query(Long.class).single()).as("a database outage costs the events no attempt").isZero();
            assertThat(received(3)).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void afterARestartTheListenerReconnectsAndNotifyWakesTheRelayAgain() throws Exception {
        // a poll every 30 s: anything that goes out within 2 s was woken by a NOTIFY
        try (ConfigurableApplicationContext relay = relay(Map.of("bulkimport.relay.poll-interval", "30s"))) {
            NotifyListener listener = relay.getBean(NotifyListener.class);
            OutboxRows rows = new OutboxRows(jdbc);
            OutboxRows.await("listening", Duration.ofSeconds(10), listener::listening);
            Thread.sleep(300);
            assertThat(millisToPublish(rows, rows.write("IMPORT_BATCH_READY", "job-notify", Map.of("n", 1)),
                    Duration.ofSeconds(10))).isLessThan(2_000);

            restartPostgres();

            OutboxRows.await("listening again", Duration.ofSeconds(40), listener::listening);
            // on reconnecting the listener wakes the loop once (NOTIFYs sent while it was away are gone)
            millisToPublish(rows, rows.write("IMPORT_BATCH_READY", "job-notify", Map.of("n", 2)), Duration.ofSeconds(30));
            Thread.sleep(300);

            assertThat(millisToPublish(rows, rows.write("IMPORT_BATCH_READY", "job-notify", Map.of("n", 3)),
                    Duration.ofSeconds(10))).isLessThan(2_000);
            assertThat(jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name")
                    .param("name", listener.applicationName()).query(Long.class).single())
                    .as("one LISTEN session on the new server").isEqualTo(1);
        }
    }

    private List<UUID> received(int atLeast) {
        JsonMapper json = JsonMapper.builder().build();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20 && ids.size() < atLeast; i++) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                ids.add(UUID.fromString(json.readTree(m.body()).get("event_id").asString()));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        return ids;
    }
}
