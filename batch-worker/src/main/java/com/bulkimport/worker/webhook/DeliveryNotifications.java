package com.bulkimport.worker.webhook;

import com.bulkimport.support.notify.PostgresListener;
import com.bulkimport.support.retry.Outage;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

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

    private final boolean autoStart;
    private final PostgresListener session;

    DeliveryNotifications(DataSourceProperties dataSource, DeliveryLoop loop) {
        this.autoStart = loop.isAutoStartup();
        this.session = new PostgresListener(new PostgresListener.Session(dataSource.determineUrl(),
                dataSource.determineUsername(), dataSource.determinePassword(),
                "webhook-listener-" + UUID.randomUUID().toString().substring(0, 8), HEARTBEAT), List.of(CHANNEL),
                new PostgresListener.Handler() {
                    @Override
                    public void listening() {
                        loop.signal();
                    }

                    @Override
                    public void notified(PGNotification[] notifications) {
                        loop.signal();
                    }
                }, new Outage("webhook LISTEN connection (the delivery loop polls meanwhile)", log,
                        Duration.ofMillis(500), Duration.ofSeconds(30)), "webhook-listener");
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
