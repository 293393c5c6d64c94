package com.bulkimport.relay.wakeup;

import com.bulkimport.relay.outbox.Outage;
import com.bulkimport.relay.outbox.RelayProperties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

/**
 * Turns {@code NOTIFY outbox} (sent by a statement trigger when writers insert outbox rows) into
 * {@link WakeUp} signals, so fresh events go out within milliseconds while idle relays sleep.
 *
 * <p>It holds one dedicated pgjdbc connection, outside the pool: a pooled connection may be reset,
 * validated or closed by the pool, and LISTEN only lasts as long as its session. Notifications are
 * a hint only; the relay polls as well, so nothing is lost while this connection is down. After a
 * reconnect (the database restarted, or the session was killed) it wakes the relay once, since
 * notifications sent in between are gone.
 */
@Component
public class NotifyListener implements SmartLifecycle {

    static final String CHANNEL = "outbox";
    /** The NOTIFY payload of an insert that wrote no work event (V30). */
    static final String NO_WORK = "no-work";
    private static final Logger log = LoggerFactory.getLogger(NotifyListener.class);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);

    private final DataSourceProperties dataSource;
    private final WakeUp wakeUp;
    private final RelayProperties properties;
    private final Outage outage;
    /** Names this listener's session in pg_stat_activity (operators, and tests that kill it). */
    private final String applicationName = "outbox-relay-listener-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Connection connection;
    private Thread thread;

    NotifyListener(DataSourceProperties dataSource, WakeUp wakeUp, RelayProperties properties) {
        this.dataSource = dataSource;
        this.wakeUp = wakeUp;
        this.properties = properties;
        this.outage = new Outage("LISTEN connection (the relay polls every " + properties.pollInterval()
                + " meanwhile)", log, properties.listen().reconnectDelay(), MAX_RECONNECT_DELAY);
    }

    public String applicationName() {
        return applicationName;
    }

    /** True while a LISTEN session is up. */
    public boolean listening() {
        return listening;
    }

    private void run() {
        while (running) {
            try (Connection session = connect()) {
                connection = session;
                try (Statement statement = session.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                outage.recovered();
                wakeUp.signal();
                receive(session);
            } catch (SQLException e) {
                listening = false;
                if (!running) {
                    return;
                }
                if (!outage.failedThenWait(e.getMessage())) {
                    return;
                }
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private void receive(Connection session) throws SQLException {
        PGConnection pg = session.unwrap(PGConnection.class);
        int heartbeat = (int) properties.listen().heartbeat().toMillis();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(heartbeat);
            if (notifications != null && notifications.length > 0) {
                signal(notifications);
            } else if (!session.isValid(5)) {
                // a silent network can leave the socket open while the server is long gone
                throw new SQLException("the LISTEN connection stopped answering");
            }
        }
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

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        String user = dataSource.determineUsername();
        String password = dataSource.determinePassword();
        if (user != null) {
            props.setProperty(PGProperty.USER.getName(), user);
        }
        if (password != null) {
            props.setProperty(PGProperty.PASSWORD.getName(), password);
        }
        props.setProperty(PGProperty.APPLICATION_NAME.getName(), applicationName);
        props.setProperty(PGProperty.TCP_KEEP_ALIVE.getName(), "true");
        props.setProperty(PGProperty.CONNECT_TIMEOUT.getName(), "10");
        return DriverManager.getConnection(dataSource.determineUrl(), props);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "outbox-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Connection session = connection;
        if (session != null) {
            try {
                session.close(); // unblocks getNotifications
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Only a relay that runs its own loop listens; poll-only mode turns it off too. */
    @Override
    public boolean isAutoStartup() {
        return properties.enabled() && properties.listen().enabled();
    }
}
