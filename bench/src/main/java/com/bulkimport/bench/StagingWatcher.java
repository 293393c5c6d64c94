package com.bulkimport.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How big the products staging table grew while an import ran (issue 16: staged rows are dropped as they are
 * applied; report the largest staging size): every {@link #EVERY_SECONDS} s, the rows it holds and its size on
 * disk with its index. A batch's staged rows are deleted when it is applied, so the rows held are the read's lead
 * on the apply; the size shows whether the space they leave is used again.
 */
final class StagingWatcher implements AutoCloseable {

    static final int EVERY_SECONDS = 5;
    private static final String SAMPLE = "SELECT (SELECT count(*) FROM staging_products),"
            + " pg_total_relation_size('staging_products')";

    private final Connection connection;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-staging-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long maxRows;
    private volatile long maxBytes;

    StagingWatcher(String jdbcUrl) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        timer.scheduleWithFixedDelay(this::sample, 0, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(SAMPLE)) {
            rs.next();
            maxRows = Math.max(maxRows, rs.getLong(1));
            maxBytes = Math.max(maxBytes, rs.getLong(2));
        } catch (SQLException e) {
            System.err.println("staging not sampled: " + e.getMessage());
        }
    }

    /** The most rows the staging table held at a sample. */
    long maxRows() {
        return maxRows;
    }

    /** The most disk it took with its index, in MB. */
    long maxMb() {
        return Math.round(maxBytes / 1048576.0);
    }

    @Override
    public void close() throws SQLException {
        timer.shutdownNow();
        synchronized (this) {
            sample();
            connection.close();
        }
    }
}
