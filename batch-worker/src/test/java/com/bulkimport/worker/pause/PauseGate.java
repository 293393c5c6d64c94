package com.bulkimport.worker.pause;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Holds a worker's transaction at one row of one table, so that a test can pause the job while that chunk or
 * batch is in flight, in a known order and without sleeping: a trigger takes an advisory lock the gate holds on
 * its own connection, the test waits until the worker waits on it, does what it must, then opens the gate.
 */
public final class PauseGate implements AutoCloseable {

    private static final long KEY = 0x50_41_55_53L;

    private final JdbcClient jdbc;
    private final String table;
    private final Connection holder;

    /** @param condition SQL over {@code NEW} naming the row the worker stops at */
    public PauseGate(DataSource dataSource, JdbcClient jdbc, String table, String condition) throws SQLException {
        this.jdbc = jdbc;
        this.table = table;
        this.holder = dataSource.getConnection();
        try (Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
        }
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION test_pause_gate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF %s THEN PERFORM pg_advisory_xact_lock(%d); END IF;
                  RETURN NEW;
                END $$""".formatted(condition, KEY)).update();
        jdbc.sql("CREATE TRIGGER test_pause_gate BEFORE INSERT ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION test_pause_gate()").update();
    }

    /** Returns once the worker's transaction waits at the gate. */
    public void awaitWorkerHeld() {
        await(() -> jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                + " AND objid = :key").param("key", KEY).query(Long.class).single() == 1, "the worker held at the gate");
    }

    /** Returns once some session waits for a lock while running a statement that starts with {@code sql}. */
    public void awaitWaiting(String sql) {
        await(() -> jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND query LIKE :sql").param("sql", sql + "%").query(Long.class).single() >= 1,
                "a session waiting in " + sql);
    }

    /** Lets the worker's transaction go on. */
    public void open() throws SQLException {
        if (!holder.isClosed()) {
            // a pooled connection keeps its session's locks: unlocked first, not merely given back
            try (Statement statement = holder.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock_all()");
            }
            holder.close();
        }
    }

    @Override
    public void close() throws SQLException {
        open();
        jdbc.sql("DROP TRIGGER IF EXISTS test_pause_gate ON " + table).update();
    }

    static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 60 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
