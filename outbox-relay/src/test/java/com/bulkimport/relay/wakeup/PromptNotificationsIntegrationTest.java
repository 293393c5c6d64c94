package com.bulkimport.relay.wakeup;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.PostgresServer;
import com.bulkimport.support.notify.PostgresListener;
import com.bulkimport.support.retry.Outage;
import org.junit.jupiter.api.Test;
import org.postgresql.PGNotification;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A LISTEN session hands each notification over as it arrives, not when a stream of them pauses. pgjdbc, after
 * reading one, waits up to 1 ms for the next and goes on while they come; over a plain socket a stream like this
 * one (a notification every half millisecond) came in a handful of calls of a hundred or more each, each held until
 * the stream paused.
 */
class PromptNotificationsIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();
    private static final int NOTIFICATIONS = 400;

    @Test
    void aStreamOfNotificationsIsHandedOverAsItArrivesNotWhenItPauses() throws Exception {
        PostgresServer postgres = INFRA.postgres();
        List<Integer> calls = new CopyOnWriteArrayList<>();
        AtomicInteger received = new AtomicInteger();
        AtomicInteger sessions = new AtomicInteger();
        PostgresListener listener = new PostgresListener(new PostgresListener.Session(postgres.jdbcUrl(),
                postgres.user(), postgres.password(), "prompt-notifications-test", Duration.ofSeconds(5)),
                List.of("prompt_check"), new PostgresListener.Handler() {
                    @Override
                    public void listening() {
                        sessions.incrementAndGet();
                    }

                    @Override
                    public void notified(PGNotification[] notifications) {
                        calls.add(notifications.length);
                        received.addAndGet(notifications.length);
                    }
                }, new Outage("test LISTEN session", LoggerFactory.getLogger(getClass()), Duration.ofMillis(100),
                Duration.ofSeconds(1)), "prompt-notifications-test");
        listener.start();
        try {
            await("listening", listener::listening);
            try (Connection sender = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 PreparedStatement notify = sender.prepareStatement("SELECT pg_notify('prompt_check', ?)")) {
                long start = System.nanoTime();
                for (int i = 0; i < NOTIFICATIONS; i++) {
                    LockSupport.parkNanos(start + i * 500_000L - System.nanoTime());
                    notify.setString(1, Integer.toString(i));
                    notify.executeQuery().close();
                }
            }
            await("every notification", () -> received.get() >= NOTIFICATIONS);
        } finally {
            listener.stop();
        }
        assertThat(received.get()).isEqualTo(NOTIFICATIONS);
        assertThat(sessions.get()).as("one session throughout").isEqualTo(1);
        // at most 10 a call on average: handed over one or a few at a time (a slow machine reads several at once)
        assertThat(calls.size()).as("calls, of sizes %s", calls).isGreaterThanOrEqualTo(NOTIFICATIONS / 10);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
