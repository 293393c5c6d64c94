package com.bulkimport.relay.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bulkimport.outbox.pending} (rows waiting) and {@code bulkimport.outbox.lag} (seconds since
 * the oldest of them was written). Sampled on a schedule rather than per scrape: several scrapers,
 * or a scrape during a backlog of millions, must not each run a count.
 */
@Component
public class BacklogGauges {

    static final String PENDING = "bulkimport.outbox.pending";
    static final String LAG = "bulkimport.outbox.lag";
    private static final Logger log = LoggerFactory.getLogger(BacklogGauges.class);

    private final JdbcTemplate jdbc;
    private final AtomicLong pending = new AtomicLong();
    /** Age of the oldest pending row when sampled, by the database's clock (no skew); -1 when none. */
    private volatile long sampledAgeMillis = -1;
    private volatile long sampledAtNanos;
    /** No sample before this (System.nanoTime()): see {@link #sample()}. */
    private volatile long nextSampleNanos = System.nanoTime();

    BacklogGauges(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder(PENDING, pending, AtomicLong::get).description("outbox rows not yet published")
                .register(registry);
        Gauge.builder(LAG, this, BacklogGauges::lagSeconds).baseUnit("seconds")
                .description("age of the oldest pending outbox row").register(registry);
    }

    /**
     * The count reads every pending row: over a backlog of millions it takes seconds of a database core (2 s at
     * 2,000,000 in bench/revert), so the schedule gives it at most a tenth of the time (the lag keeps ageing between
     * samples).
     */
    @Scheduled(fixedDelayString = "${bulkimport.relay.metrics.sample-interval:5s}")
    void sampleOnSchedule() {
        long start = System.nanoTime();
        if (start - nextSampleNanos < 0) {
            return;
        }
        sample();
        nextSampleNanos = start + (System.nanoTime() - start) * 10;
    }

    /** Reads the backlog now. */
    public void sample() {
        try {
            jdbc.query("""
                            SELECT count(*) AS pending,
                                   (extract(epoch FROM clock_timestamp() - min(created_at)) * 1000)::bigint AS age_ms
                            FROM outbox_events WHERE status = 'PENDING'""",
                    rs -> {
                        long age = rs.getLong("age_ms");
                        sampledAgeMillis = rs.wasNull() ? -1 : age;
                        sampledAtNanos = System.nanoTime();
                        pending.set(rs.getLong("pending"));
                    });
        } catch (RuntimeException e) {
            log.debug("could not sample the outbox backlog: {}", e.toString()); // the relay logs the outage
        }
    }

    /** Rows pending when last sampled. */
    long pending() {
        return pending.get();
    }

    /** Whether a sample was ever taken (before the first, the lag reads 0 for want of knowing better). */
    boolean hasSample() {
        return sampledAtNanos != 0;
    }

    double lagSeconds() {
        long age = sampledAgeMillis;
        if (age < 0) {
            return 0;
        }
        // the oldest row keeps ageing between samples (unless published meanwhile: the next sample tells)
        return (age + (System.nanoTime() - sampledAtNanos) / 1_000_000) / 1000.0;
    }
}
