package com.bulkimport.relay.wakeup;

import com.bulkimport.support.retry.Outage;
import com.bulkimport.relay.outbox.RelayProperties;
import com.bulkimport.support.notify.PostgresListener;
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
 * Turns {@code NOTIFY outbox} (sent by a statement trigger when writers insert outbox rows) into
 * {@link WakeUp} signals, so fresh events go out within milliseconds while idle relays sleep. The session
 * ({@link PostgresListener}) is a dedicated connection outside the pool; notifications are a hint only, the relay
 * polls as well, so nothing is lost while it is down. After a reconnect it wakes the relay once, since
 * notifications sent in between are gone.
 */
@Component
public class NotifyListener implements SmartLifecycle {

    static final String CHANNEL = "outbox";
    /** The NOTIFY payload of an insert that wrote no work event (V30). */
    static final String NO_WORK = "no-work";
    private static final Logger log = LoggerFactory.getLogger(NotifyListener.class);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);

    private final WakeUp wakeUp;
    private final RelayProperties properties;
    /** Names this listener's session in pg_stat_activity (operators, and tests that kill it). */
    private final String applicationName = "outbox-relay-listener-" + UUID.randomUUID().toString().substring(0, 8);
    private final PostgresListener session;

    NotifyListener(DataSourceProperties dataSource, WakeUp wakeUp, RelayProperties properties) {
        this.wakeUp = wakeUp;
        this.properties = properties;
        Outage outage = new Outage("LISTEN connection (the relay polls every " + properties.pollInterval()
                + " meanwhile)", log, properties.listen().reconnectDelay(), MAX_RECONNECT_DELAY);
        this.session = new PostgresListener(new PostgresListener.Session(dataSource.determineUrl(),
                dataSource.determineUsername(), dataSource.determinePassword(), applicationName,
                properties.listen().heartbeat()), List.of(CHANNEL), new PostgresListener.Handler() {
                    @Override
                    public void listening() {
                        wakeUp.signal();
                    }

                    @Override
                    public void notified(PGNotification[] notifications) {
                        signal(notifications);
                    }
                }, outage, "outbox-listener");
    }

    public String applicationName() {
        return applicationName;
    }

    /** True while a LISTEN session is up. */
    public boolean listening() {
        return session.listening();
    }

    /**
     * The insert trigger (V30) says {@value #NO_WORK} when a statement wrote no work event; any other payload (an
     * older trigger's, {@code notifyRelays}'s empty one) may mean work.
     */
    private void signal(PGNotification[] notifications) {
        for (PGNotification notification : notifications) {
            if (!NO_WORK.equals(notification.getParameter())) {
                wakeUp.signal();
                return;
            }
        }
        wakeUp.signalNoWork();
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

    /** Only a relay that runs its own loop listens; poll-only mode turns it off too. */
    @Override
    public boolean isAutoStartup() {
        return properties.enabled() && properties.listen().enabled();
    }
}
