package com.bulkimport.relay.outbox;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.relay.RelayApplication;
import com.bulkimport.relay.testing.OutboxRows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statistics taken while nothing was pending make the claims' plans read every pending row per row claimed; after a
 * full claim the relay notices that the planner believes fewer rows pending than the claim just took, and analyzes
 * the table (at most every {@link PendingStatistics#ANALYZE_AT_MOST_EVERY}, checking at most every
 * {@link PendingStatistics#CHECK_EVERY}).
 */
@SpringBootTest(classes = RelayApplication.class, properties = {"spring.config.name=outbox-relay",
        "bulkimport.relay.enabled=false", "server.port=0"})
class PendingStatisticsIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFullClaimAgainstStatisticsOfAQuietTimeAnalyzesTheTableOnce() {
        jdbc.update("UPDATE outbox_events SET status = 'PUBLISHED' WHERE status = 'PENDING'");
        jdbc.update("""
                INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, status, published_at)
                SELECT gen_random_uuid(), 'job', 'quiet-' || g, 'IMPORT_JOB_COMPLETED', '{}', 'PUBLISHED', now()
                FROM generate_series(1, 2000) g""");
        jdbc.execute("ANALYZE outbox_events"); // the quiet time: nothing pending
        jdbc.update("""
                INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload)
                SELECT gen_random_uuid(), 'product', 'p-' || g, 'PRODUCT_CREATED', '{}'
                FROM generate_series(1, 600) g""");
        AtomicLong clock = new AtomicLong();
        PendingStatistics statistics = new PendingStatistics(jdbc, clock::get, Runnable::run);
        assertThat(statistics.believedPending()).as("a tenth of 500 at most: stale").isLessThan(50);

        assertThat(statistics.afterFullClaim(500)).isTrue();
        assertThat(statistics.believedPending()).isGreaterThanOrEqualTo(600);

        // the statistics are true now (600 pending): later full claims check them now and then, and leave them
        assertThat(statistics.afterFullClaim(500)).as("checked a moment ago").isFalse();
        clock.addAndGet(PendingStatistics.CHECK_EVERY.plusMillis(1).toNanos());
        assertThat(statistics.afterFullClaim(500)).as("the planner knows").isFalse();

        // stale again at once: still not analyzed twice within ANALYZE_AT_MOST_EVERY
        jdbc.update("UPDATE outbox_events SET status = 'PUBLISHED' WHERE status = 'PENDING'");
        jdbc.execute("ANALYZE outbox_events");
        jdbc.update("""
                INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload)
                SELECT gen_random_uuid(), 'product', 'q-' || g, 'PRODUCT_CREATED', '{}'
                FROM generate_series(1, 600) g""");
        clock.addAndGet(PendingStatistics.CHECK_EVERY.plusMillis(1).toNanos());
        assertThat(statistics.afterFullClaim(500)).as("analyzed less than 30 s ago").isFalse();
        clock.addAndGet(PendingStatistics.ANALYZE_AT_MOST_EVERY.toNanos());
        assertThat(statistics.afterFullClaim(500)).isTrue();
        assertThat(statistics.believedPending()).isGreaterThanOrEqualTo(600);
        jdbc.update("UPDATE outbox_events SET status = 'PUBLISHED' WHERE status = 'PENDING'");
    }

    @Test
    void aClaimThatWasNotFullNeverAsks() {
        jdbc.update("UPDATE outbox_events SET status = 'PUBLISHED' WHERE status = 'PENDING'");
        OutboxStore store = new OutboxStore(jdbc); // its ANALYZE runs on a thread of its own
        jdbc.execute("ANALYZE outbox_events");
        jdbc.update("""
                INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload)
                SELECT gen_random_uuid(), 'product', 'r-' || g, 'PRODUCT_CREATED', '{}'
                FROM generate_series(1, 600) g""");
        long believed = new PendingStatistics(jdbc).believedPending();
        assertThat(believed).as("a tenth of 100 at most: stale").isLessThan(10);

        assertThat(store.afterClaim(99, 100)).isFalse();
        assertThat(new PendingStatistics(jdbc).believedPending()).isEqualTo(believed);
        assertThat(store.afterClaim(100, 100)).as("the same, full").isTrue();
        OutboxRows.await("analyzed", Duration.ofSeconds(10), () -> new PendingStatistics(jdbc).believedPending() >= 600);
        jdbc.update("UPDATE outbox_events SET status = 'PUBLISHED' WHERE status = 'PENDING'");
    }
}
