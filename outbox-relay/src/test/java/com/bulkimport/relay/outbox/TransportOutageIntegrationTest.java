package com.bulkimport.relay.outbox;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.TcpGate;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.relay.testing.OutboxRows;
import com.bulkimport.relay.testing.RelayContexts;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQS endpoint goes away for 10 s (a gate in front of ElasticMQ refuses connections, as a
 * stopped server does): the relay backs off instead of spinning, logs the outage once, counts no
 * attempts against the events, and once the endpoint is back publishes every event, none lost.
 */
class TransportOutageIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();

    @Test
    void aTenSecondOutageIsWaitedOutAndNothingIsLost() throws Exception {
        SqsClient sqs = INFRA.sqs().client();
        String queueUrl = sqs.createQueue(b -> b.queueName("relay-outage")).queueUrl();
        sqs.purgeQueue(b -> b.queueUrl(queueUrl));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger loopLog = (Logger) LoggerFactory.getLogger(RelayLoop.class);
        try (TcpGate gate = TcpGate.forward(INFRA.sqs().port());
             ConfigurableApplicationContext relay = RelayContexts.start(INFRA, Map.of(
                     "bulkimport.relay.transport", "sqs",
                     "bulkimport.relay.sqs.endpoint", gate.httpEndpoint(),
                     "bulkimport.relay.sqs.queue-url", queueUrl,
                     "bulkimport.relay.poll-interval", "200ms",
                     "bulkimport.relay.outage.initial-delay", "250ms",
                     "bulkimport.relay.outage.max-delay", "3s"))) {
            // after the start: the first Spring context of a JVM resets the logging, and the appenders with it
            loopLog.addAppender(log);
            JdbcClient jdbc = relay.getBean(JdbcClient.class);
            RelayLoop loop = relay.getBean(RelayLoop.class);
            OutboxRows rows = new OutboxRows(jdbc);
            rows.settleEverythingPending();

            gate.close();
            List<EventEnvelope> events = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                events.add(rows.write("IMPORT_BATCH_READY", "job-outage-" + i % 5, Map.of("n", i)));
            }
            List<UUID> ids = events.stream().map(EventEnvelope::eventId).toList();
            Thread.sleep(10_000);

            assertThat(rows.count("PENDING", ids)).isEqualTo(50);
            assertThat(jdbc.sql("SELECT max(attempts) FROM outbox_events WHERE id IN (:ids)").param("ids", ids)
                    .query(Integer.class).single()).as("an outage is not the events' fault").isZero();
            int tries = loop.transportOutage().failures();
            assertThat(tries).as("backed off, did not spin").isBetween(3, 20);
            assertThat(warnings(log)).hasSize(1);
            assertThat(warnings(log).get(0)).contains("transport sqs unavailable");

            gate.open();
            OutboxRows.await("all published", Duration.ofSeconds(15), () -> rows.count("PUBLISHED", ids) == 50);

            assertThat(receivedIds(sqs, queueUrl, 50)).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(loop.transportOutage().ongoing()).isFalse();
            assertThat(loop.transportOutage().count()).isEqualTo(1);
            assertThat(warnings(log)).hasSize(1);
            assertThat(log.list.stream().filter(e -> e.getLevel() == Level.INFO)
                    .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("available again")).toList())
                    .singleElement().asString().contains("transport sqs available again");
        } finally {
            loopLog.detachAppender(log);
        }
    }

    private static List<String> warnings(ListAppender<ILoggingEvent> log) {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static List<UUID> receivedIds(SqsClient sqs, String queueUrl, int atLeast) {
        JsonMapper json = JsonMapper.builder().build();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 30 && ids.size() < atLeast; i++) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                ids.add(UUID.fromString(json.readTree(m.body()).get("event_id").asString()));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        Set<UUID> distinct = new HashSet<>(ids);
        assertThat(distinct).hasSameSizeAs(ids);
        return ids;
    }
}
