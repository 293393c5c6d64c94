package com.bulkimport.worker.webhook;

import com.bulkimport.support.notify.PostgresListener;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Wakes the {@link DeliveryLoop} when deliveries are created ({@code NOTIFY webhook_deliveries}, V31), so a fresh
 * event's first attempt starts within milliseconds instead of after half a poll interval on average. A hint only:
 * the loop polls as well, so a lost session costs latency, never a delivery. After every (re)connect it wakes the
 * loop once, since what was notified in between is gone.
 */
@Component
class DeliveryNotifications implements SmartLifecycle {

    static final String CHANNEL = "webhook_deliveries";
    private static final Logger log = LoggerFactory.getLogger(DeliveryNotifications.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final DeliveryLoop loop;
    private final boolean autoStart;
    private final PostgresListener session;
    private int failures;

    DeliveryNotifications(DataSourceProperties dataSource, DeliveryLoop loop) {
        this.loop = loop;
        this.autoStart = loop.isAutoStartup();
        this.session = new PostgresListener(new PostgresListener.Session(dataSource.determineUrl(),
                dataSource.determineUsername(), dataSource.determinePassword(),
                "webhook-listener-" + UUID.randomUUID().toString().substring(0, 8), HEARTBEAT), List.of(CHANNEL),
                new PostgresListener.Handler() {
                    @Override
                    public void listening() {
                        if (failures > 0) {
                            log.info("the webhook LISTEN connection is back after {} failed tries", failures);
                            failures = 0;
                        }
                        loop.signal();
                    }

                    @Override
                    public void notified(PGNotification[] notifications) {
                        loop.signal();
                    }

                    @Override
                    public boolean failedThenWait(SQLException e) {
                        return waitAfter(e);
                    }
                }, "webhook-listener");
    }

    /** Logged when an outage starts; the tries in between pace themselves, doubling up to 30 s. */
    private boolean waitAfter(SQLException e) {
        if (failures++ == 0) {
            log.warn("webhook LISTEN connection unavailable ({}); the delivery loop polls meanwhile", e.getMessage());
        }
        long delay = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(failures - 1, 10));
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean listening() {
        return session.listening();
    }

    @Override
    public boolean isAutoStartup() {
        return autoStart;
    }

    @Override
    public void start() {
        session.start();
    }

    @Override
    public void stop() {
        session.stop();
    }

    @Override
    public boolean isRunning() {
        return session.running();
    }
}
