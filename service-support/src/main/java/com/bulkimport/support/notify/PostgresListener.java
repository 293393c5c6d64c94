package com.bulkimport.support.notify;

import com.bulkimport.support.retry.Outage;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.PGProperty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * One {@code LISTEN} session, kept up on a thread of its own, handing what PostgreSQL notifies to a {@link Handler}.
 *
 * <p>It holds one dedicated pgjdbc connection, outside the pool: a pooled connection may be reset, validated or
 * closed by the pool, and LISTEN only lasts as long as its session. Notifications are a hint only: whoever listens
 * also polls, so nothing is lost while the session is down. After a reconnect (the database restarted, or the session
 * was killed) the handler hears {@link Handler#listening()} again, since notifications sent in between are gone.
 * A lost session is an {@link Outage}: logged when it starts and when it ends, the reconnects in between paced by
 * its doubling, jittered wait. Its socket makes pgjdbc hand each notification over as soon as it is read
 * ({@link NoWaitPeekSocketFactory}).
 */
public final class PostgresListener {

    /** What the session's owner does with it. */
    public interface Handler {

        /** The session listens: at start and after every reconnect (what was notified in between is gone). */
        void listening();

        void notified(PGNotification[] notifications);
    }

    /**
     * @param applicationName names the session in pg_stat_activity (operators, and tests that kill it)
     * @param heartbeat       how long to wait for a notification before checking the connection still answers
     */
    public record Session(String url, String user, String password, String applicationName, Duration heartbeat) {
    }

    private final Session session;
    private final List<String> channels;
    private final Handler handler;
    private final Outage outage;
    private final String threadName;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Connection connection;
    private Thread thread;

    /**
     * @param channels notification channels, plain identifiers
     * @param outage   what a lost session is called in the log, and how reconnects are paced
     */
    public PostgresListener(Session session, List<String> channels, Handler handler, Outage outage,
                            String threadName) {
        for (String channel : channels) {
            if (!channel.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain channel name: " + channel);
            }
        }
        this.session = session;
        this.channels = List.copyOf(channels);
        this.handler = handler;
        this.outage = outage;
        this.threadName = threadName;
    }

    /** True while the session is up and listening. */
    public boolean listening() {
        return listening;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        Connection open = connection;
        if (open != null) {
            try {
                open.close(); // unblocks getNotifications
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

    public boolean running() {
        return running;
    }

    private void run() {
        while (running) {
            try (Connection open = connect()) {
                connection = open;
                try (Statement statement = open.createStatement()) {
                    for (String channel : channels) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                listening = true;
                outage.recovered();
                handler.listening();
                receive(open);
            } catch (SQLException e) {
                listening = false;
                if (!running || !outage.failedThenWait(e.getMessage())) {
                    return;
                }
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private void receive(Connection open) throws SQLException {
        PGConnection pg = open.unwrap(PGConnection.class);
        int heartbeat = (int) session.heartbeat().toMillis();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(heartbeat);
            if (notifications != null && notifications.length > 0) {
                handler.notified(notifications);
            } else if (!open.isValid(5)) {
                // a silent network can leave the socket open while the server is long gone
                throw new SQLException("the LISTEN connection stopped answering");
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        if (session.user() != null) {
            props.setProperty(PGProperty.USER.getName(), session.user());
        }
        if (session.password() != null) {
            props.setProperty(PGProperty.PASSWORD.getName(), session.password());
        }
        props.setProperty(PGProperty.APPLICATION_NAME.getName(), session.applicationName());
        props.setProperty(PGProperty.TCP_KEEP_ALIVE.getName(), "true");
        props.setProperty(PGProperty.CONNECT_TIMEOUT.getName(), "10");
        // each notification handed over as soon as it is read, not when the stream of them pauses
        props.setProperty(PGProperty.SOCKET_FACTORY.getName(), NoWaitPeekSocketFactory.class.getName());
        return DriverManager.getConnection(session.url(), props);
    }
}
