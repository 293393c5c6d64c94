package com.bulkimport.relay.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps PostgreSQL's statistics of {@code outbox_events} true enough for the claims' plans. The table swings from
 * all published to a million pending within a minute (a big import), and the statistics an ANALYZE took in the
 * quiet time say "no row is pending": the planner then reads every pending row for each row a claim locks (the
 * retry and order tests walked the whole {@code outbox_events_pending_seq} index instead of probing the aggregate
 * indexes), and a claim of 1,000 rows took 11 s on a 100,000-row backlog instead of 20 ms. Autovacuum analyzes
 * only after a tenth of the table changed, and then within its next nap (a minute): bench/relay's Kafka phase
 * went at 3,400 to 4,800 events/s after phases that left such statistics, and at 17,000 to 22,000 alone.
 *
 * <p>So after a full claim (at least that many rows are pending) the relay asks the planner how many rows it
 * believes pending; when it believes fewer than a tenth of what the claim just took, it analyzes the table. It asks at most every
 * {@link #CHECK_EVERY} and analyzes at most every {@link #ANALYZE_AT_MOST_EVERY} per relay. A role that may not
 * analyze the table is told once in the log and never asked again.
 */
final class PendingStatistics {

    static final Duration CHECK_EVERY = Duration.ofSeconds(2);
    static final Duration ANALYZE_AT_MOST_EVERY = Duration.ofSeconds(30);
    /** Stale: the planner believes fewer than a tenth of the rows a claim just locked pending. */
    static final int STALE_FACTOR = 10;
    private static final Logger log = LoggerFactory.getLogger(PendingStatistics.class);
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\"\\s*:\\s*(\\d+)");

    private final JdbcTemplate jdbc;
    private final LongSupplier clock;
    private final Executor analyzer;
    private final AtomicLong nextCheck;
    private volatile long nextAnalyze;
    private volatile boolean refused;

    PendingStatistics(JdbcTemplate jdbc) {
        this(jdbc, System::nanoTime, PendingStatistics::onItsOwnThread);
    }

    /** @param analyzer runs the ANALYZE (tests: at once, on the caller's thread) */
    PendingStatistics(JdbcTemplate jdbc, LongSupplier nanoClock, Executor analyzer) {
        this.jdbc = jdbc;
        this.clock = nanoClock;
        this.analyzer = analyzer;
        long now = nanoClock.getAsLong(); // nanoTime may be negative: due "now", not at Long.MIN_VALUE (it overflows)
        this.nextCheck = new AtomicLong(now);
        this.nextAnalyze = now;
    }

    /**
     * After a claim that locked {@code locked} rows, as many as it asked for; outside the claim's transaction. The
     * ANALYZE runs on a thread of its own: it takes up to half a second on a big table, and a relay loop that waited
     * for it held every event back that long (bench/relay's p99 at 1,000 events/s went from 35 to 305 ms).
     *
     * @return true when it started analyzing the table
     */
    boolean afterFullClaim(int locked) {
        long now = clock.getAsLong();
        long due = nextCheck.get();
        if (refused || now - due < 0 || !nextCheck.compareAndSet(due, now + CHECK_EVERY.toNanos())) {
            return false; // not due, or another thread of this relay checks right now
        }
        long believed = believedPending();
        // an order of magnitude off: a few rows more or less never change a plan; none against a backlog does
        if (believed * STALE_FACTOR >= locked || now - nextAnalyze < 0) {
            return false;
        }
        nextAnalyze = now + ANALYZE_AT_MOST_EVERY.toNanos();
        analyzer.execute(() -> analyze(believed, locked));
        return true;
    }

    private void analyze(long believed, int locked) {
        try {
            long start = System.nanoTime();
            jdbc.execute("ANALYZE outbox_events");
            log.info("analyzed outbox_events in {} ms: the planner believed {} rows pending, a claim had just locked {}",
                    (System.nanoTime() - start) / 1_000_000, believed, locked);
        } catch (DataAccessException e) {
            refused = true;
            log.warn("cannot analyze outbox_events ({}); claims may be slow after a quiet time until autovacuum"
                    + " analyzes it: grant this role the right to analyze it (PostgreSQL 17: MAINTAIN)",
                    e.getMostSpecificCause().getMessage());
        }
    }

    private static void onItsOwnThread(Runnable analyze) {
        Thread thread = new Thread(analyze, "outbox-analyze");
        thread.setDaemon(true);
        thread.start();
    }

    /** How many rows the planner believes pending now. */
    long believedPending() {
        String plan = jdbc.queryForObject("EXPLAIN (FORMAT JSON) SELECT 1 FROM outbox_events WHERE status = 'PENDING'",
                String.class);
        Matcher rows = PLAN_ROWS.matcher(plan == null ? "" : plan);
        return rows.find() ? Long.parseLong(rows.group(1)) : Long.MAX_VALUE;
    }
}
