package com.bulkimport.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * The most {@code ratio_events_vs_none} this machine allows, measured in the same run as the imports. An import
 * that announces each record has at least two things more to do than one that does not, whoever does them: write one
 * outbox row per record, and hand each event to the bus. Here the bus (the local PutEvents endpoint, routing to
 * ElasticMQ) runs on the same two processors as the database and the worker; on AWS it runs elsewhere.
 *
 * <ul>
 *   <li>The outbox rows: the records import's own event rows, inserted again bare into a copy of
 *       {@code outbox_events} with its indexes (no triggers), 1,000 a statement and transaction as the apply
 *       writes them.</li>
 *   <li>The bus: the processor time the stand-ins took from the records import's start until the relay had
 *       published every event ({@link CpuAccount}'s {@code local_aws}).</li>
 * </ul>
 *
 * With nothing else (no relay, no event built by the apply statement) the announced import would take at least the
 * unannounced one's time plus these processor seconds spread over the processors:
 * {@code none / (none + (insert + bus) / processors)} of its speed.
 */
final class EventsCeiling {

    private static final int STATEMENT_ROWS = 1_000;

    private EventsCeiling() {
    }

    /**
     * Waits until the relay has published every event of the records import, however many: it gives up only
     * when the events left have not gone down for {@code stall} (millions take the relay tens of minutes here).
     *
     * @return false when it gave up
     */
    static boolean awaitPublished(BenchStack bench, Duration stall) throws Exception {
        long fewest = Long.MAX_VALUE;
        long lastProgress = System.nanoTime();
        try (Connection connection = connect(bench); Statement statement = connection.createStatement()) {
            while (true) {
                long pending;
                try (ResultSet rs = statement.executeQuery(
                        "SELECT count(*) FROM outbox_events WHERE status = 'PENDING'")) {
                    rs.next();
                    pending = rs.getLong(1);
                }
                if (pending == 0) {
                    return true;
                }
                if (pending < fewest) {
                    fewest = pending;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                    return false;
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** Deletes the events the relay has not published. @return how many */
    static long dropPending(BenchStack bench) throws Exception {
        try (Connection connection = connect(bench); Statement statement = connection.createStatement()) {
            return statement.executeUpdate("DELETE FROM outbox_events WHERE status = 'PENDING'");
        }
    }

    /**
     * Inserts the outbox's product events again, bare, into a copy of the table with its indexes.
     *
     * @return the seconds it took, and how many rows
     */
    static Map.Entry<Double, Long> bareInsert(BenchStack bench) throws Exception {
        try (Connection connection = connect(bench); Statement statement = connection.createStatement()) {
            // read apart first, numbered, so each statement reads its thousand rows by an index, not the whole outbox
            statement.execute("""
                    CREATE TABLE bench_events AS
                    SELECT row_number() OVER (ORDER BY seq) AS n, aggregatetype, aggregateid, type, payload, trace_id
                    FROM outbox_events WHERE aggregatetype = 'product'""");
            statement.execute("CREATE UNIQUE INDEX ON bench_events (n)");
            statement.execute("CREATE TABLE bench_outbox (LIKE outbox_events INCLUDING ALL)");
            statement.execute("VACUUM ANALYZE bench_events");
            long rows;
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM bench_events")) {
                count.next();
                rows = count.getLong(1);
            }
            long start = System.nanoTime();
            for (long from = 1; from <= rows; from += STATEMENT_ROWS) {
                statement.executeUpdate("""
                        INSERT INTO bench_outbox (id, aggregatetype, aggregateid, type, payload, trace_id, created_at)
                        SELECT gen_random_uuid(), aggregatetype, aggregateid, type, payload, trace_id, clock_timestamp()
                        FROM bench_events WHERE n BETWEEN %d AND %d""".formatted(from, from + STATEMENT_ROWS - 1));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("DROP TABLE bench_outbox");
            statement.execute("DROP TABLE bench_events");
            return Map.entry(seconds, rows);
        }
    }

    /** The ceiling: the unannounced import's speed over the least an announced one can take. */
    static double ratio(double noneSeconds, double insertSeconds, double busCpuSeconds, int processors) {
        return noneSeconds / (noneSeconds + (insertSeconds + busCpuSeconds) / processors);
    }

    private static Connection connect(BenchStack bench) throws Exception {
        return DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres", "postgres");
    }
}
