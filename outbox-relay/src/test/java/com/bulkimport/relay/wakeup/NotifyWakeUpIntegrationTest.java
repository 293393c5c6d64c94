package com.bulkimport.relay.wakeup;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.relay.testing.OutboxRows;
import com.bulkimport.relay.testing.RelayContexts;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NOTIFY wakes the relay within milliseconds; when the LISTEN session is killed the relay reconnects,
 * and while it is down the poll fallback still publishes. Whole relays with their loops running.
 */
class NotifyWakeUpIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();

    private static void killListener(JdbcClient jdbc, NotifyListener listener) {
        int killed = jdbc.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :name")
                .param("name", listener.applicationName()).query(Integer.class).single();
        assertThat(killed).isEqualTo(1);
    }

    private static long millisToPublish(OutboxRows rows, EventEnvelope event) {
        long start = System.nanoTime();
        OutboxRows.await("event published", Duration.ofSeconds(10), () -> "PUBLISHED".equals(rows.status(event.eventId())));
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aNotifyWakesTheRelayLongBeforeItsPollAndSoDoesAReconnectedListener() {
        // a poll every 30 s: anything faster was a NOTIFY
        try (ConfigurableApplicationContext relay = RelayContexts.start(INFRA, Map.of(
                "bulkimport.relay.poll-interval", "30s"))) {
            JdbcClient jdbc = relay.getBean(JdbcClient.class);
            NotifyListener listener = relay.getBean(NotifyListener.class);
            OutboxRows rows = new OutboxRows(jdbc);
            OutboxRows.await("listening", Duration.ofSeconds(10), listener::listening);
            rows.settleEverythingPending();
            pause(300); // the loop has finished its first round and sleeps

            assertThat(millisToPublish(rows, rows.write("IMPORT_BATCH_READY", "job-n", Map.of("n", 1))))
                    .isLessThan(2_000);

            killListener(jdbc, listener);
            OutboxRows.await("listener noticed", Duration.ofSeconds(5), () -> !listener.listening());
            OutboxRows.await("listening again", Duration.ofSeconds(10), listener::listening);
            pause(300);

            assertThat(millisToPublish(rows, rows.write("IMPORT_BATCH_READY", "job-n", Map.of("n", 2))))
                    .isLessThan(2_000);
        }
    }

    @Test
    void withTheListenerDownThePollStillPublishes() {
        // the listener stays down for 20 s after it is killed: only the 300 ms poll can publish meanwhile
        try (ConfigurableApplicationContext relay = RelayContexts.start(INFRA, Map.of(
                "bulkimport.relay.poll-interval", "300ms",
                "bulkimport.relay.listen.reconnect-delay", "40s"))) {
            JdbcClient jdbc = relay.getBean(JdbcClient.class);
            NotifyListener listener = relay.getBean(NotifyListener.class);
            OutboxRows rows = new OutboxRows(jdbc);
            OutboxRows.await("listening", Duration.ofSeconds(10), listener::listening);
            rows.settleEverythingPending();

            killListener(jdbc, listener);
            OutboxRows.await("listener noticed", Duration.ofSeconds(5), () -> !listener.listening());
            EventEnvelope event = rows.write("IMPORT_BATCH_READY", "job-p", Map.of("n", 1));

            assertThat(millisToPublish(rows, event)).isLessThan(3_000);
            assertThat(listener.listening()).as("published by the poll, not a NOTIFY").isFalse();
        }
    }

    /**
     * The insert trigger's NOTIFY says whether the statement wrote a work event (V30): record events alone wake the
     * relay's loops but not its work lane; a work event, alone or beside record events in one statement, wakes both.
     */
    @Test
    void recordEventsAloneLeaveTheWorkLaneAsleep() {
        try (ConfigurableApplicationContext relay = RelayContexts.start(INFRA, Map.of(
                "bulkimport.relay.poll-interval", "30s"))) {
            JdbcClient jdbc = relay.getBean(JdbcClient.class);
            NotifyListener listener = relay.getBean(NotifyListener.class);
            WakeUp wakeUp = relay.getBean(WakeUp.class);
            OutboxRows rows = new OutboxRows(jdbc);
            OutboxRows.await("listening", Duration.ofSeconds(10), listener::listening);
            rows.settleEverythingPending();
            pause(300);

            long all = wakeUp.generation();
            long work = wakeUp.workGeneration();
            rows.writeRecordEvent("PRODUCT_CREATED", "product", "p-1");
            OutboxRows.await("woken by the record event", Duration.ofSeconds(5), () -> wakeUp.generation() > all);
            pause(200); // a wrong work signal would have come with it
            assertThat(wakeUp.workGeneration()).isEqualTo(work);

            long allBefore = wakeUp.generation();
            jdbc.sql("""
                    INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload)
                    VALUES (gen_random_uuid(), 'product', 'p-2', 'PRODUCT_CREATED', '{}'),
                           (gen_random_uuid(), 'job', 'job-w', 'IMPORT_BATCH_READY', '{}')""").update();
            OutboxRows.await("the work lane woken", Duration.ofSeconds(5), () -> wakeUp.workGeneration() > work);
            assertThat(wakeUp.generation()).isGreaterThan(allBefore);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
