package com.bulkimport.worker.apply;

import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restaurant's review aggregates stay exact while other transactions write its reviews. Two of these
 * tests play the other import by hand on a connection of their own, holding its transaction open at the
 * moment that matters, so the interleaving is certain, not left to timing: a batch must count the reviews
 * another batch committed while it waited, and must fix the restaurant a review was taken from even when
 * that review was written after the batch looked.
 */
class ReviewAggregatesConcurrencyIntegrationTest extends WorkerIntegrationTest {

    private static final String HEADER = "review_ref,restaurant_external_id,author,rating,title,text,reviewed_at\n";

    @Autowired
    DataSource dataSource;

    /** What the test expects stored: review_ref → restaurant external id and rating. */
    private final Map<String, Object[]> stored = new TreeMap<>();

    @BeforeEach
    void restaurants() {
        importFile("restaurants", utf8("external_id,name\nR1,Cafe Sol\nR2,Tasca\nR3,Mar\n"), "{}");
    }

    /** external id → "count/average" as the test computes them (average half up, 2 places; none: "null"). */
    private Map<String, String> expectedAggregates() {
        Map<String, List<Integer>> ratings = new TreeMap<>(Map.of("R1", new ArrayList<>(), "R2", new ArrayList<>(),
                "R3", new ArrayList<>()));
        stored.values().forEach(review -> ratings.get((String) review[0]).add((Integer) review[1]));
        Map<String, String> expected = new TreeMap<>();
        ratings.forEach((restaurant, list) -> expected.put(restaurant, list.size() + "/" + (list.isEmpty() ? "null"
                : BigDecimal.valueOf(list.stream().mapToInt(Integer::intValue).sum())
                .divide(BigDecimal.valueOf(list.size()), 2, RoundingMode.HALF_UP))));
        return expected;
    }

    private Map<String, String> storedAggregates() {
        Map<String, String> actual = new TreeMap<>();
        jdbc.sql("SELECT external_id, review_count || '/' || coalesce(average_rating::text, 'null') FROM restaurants"
                        + " WHERE tenant = :t").param("t", tenant)
                .query(rs -> {
                    actual.put(rs.getString(1), rs.getString(2));
                });
        return actual;
    }

    private void expect(String ref, String restaurant, int rating) {
        stored.put(ref, new Object[] {restaurant, rating});
    }

    /**
     * Another import's batch, left open: it writes a review and its restaurant's aggregates as the applier
     * would, and holds its locks until {@code commit}.
     */
    private Connection otherImportWrites(String ref, String restaurant, int rating) throws Exception {
        Connection other = dataSource.getConnection();
        other.setAutoCommit(false);
        try (PreparedStatement insert = other.prepareStatement("""
                INSERT INTO reviews (tenant, match_key, restaurant_id, review_ref, restaurant_external_id, rating)
                SELECT ?, ?, id, ?, external_id, ? FROM restaurants WHERE tenant = ? AND external_id = ?""");
             PreparedStatement aggregates = other.prepareStatement("""
                UPDATE restaurants r SET review_count = (SELECT count(*) FROM reviews v WHERE v.restaurant_id = r.id),
                       average_rating = (SELECT round(avg(rating), 2) FROM reviews v WHERE v.restaurant_id = r.id)
                WHERE tenant = ? AND external_id = ?""")) {
            insert.setString(1, tenant);
            insert.setString(2, ref);
            insert.setString(3, ref);
            insert.setInt(4, rating);
            insert.setString(5, tenant);
            insert.setString(6, restaurant);
            assertThat(insert.executeUpdate()).isEqualTo(1);
            aggregates.setString(1, tenant);
            aggregates.setString(2, restaurant);
            assertThat(aggregates.executeUpdate()).isEqualTo(1);
        }
        return other;
    }

    /** Blocks until some session waits for a lock (the batch, on the other import's rows). */
    private void untilTheBatchWaitsForALock() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                .query(Long.class).single() == 0) {
            assertThat(System.nanoTime()).as("the batch never waited for the other import").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Ingests a reviews file and applies its one batch on another thread, which may block. */
    private CompletableFuture<UUID> applyInBackground(String csv, ExecutorService pool) {
        UUID jobId = pendingJob("reviews", utf8(HEADER + csv), "{}", "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));
        List<EventEnvelope> batches = outboxEvents(jobId, EventType.IMPORT_BATCH_READY);
        assertThat(batches).hasSize(1);
        return CompletableFuture.supplyAsync(() -> {
            dispatcher.dispatch(batches.get(0));
            return jobId;
        }, pool);
    }

    @Test
    void aBatchCountsTheReviewsAnotherBatchCommittedWhileItWaited() throws Exception {
        importFile("reviews", utf8(HEADER + "RV1,R1,,5,,,\n"), "{}");
        expect("RV1", "R1", 5);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = otherImportWrites("RV-OTHER", "R1", 1)) {
            CompletableFuture<UUID> batch = applyInBackground("RV2,R1,,4,,,\nRV3,R1,,4,,,\n", pool);
            untilTheBatchWaitsForALock();
            other.commit();
            UUID jobId = batch.get(60, TimeUnit.SECONDS);
            assertThat(counts(jobId)).isEqualTo(new JobCounts(2L, 0L, 0L, 0L, 0L, 2L, "COMPLETED"));
        } finally {
            pool.shutdownNow();
        }
        expect("RV-OTHER", "R1", 1);
        expect("RV2", "R1", 4);
        expect("RV3", "R1", 4);
        assertThat(storedAggregates()).isEqualTo(expectedAggregates()).containsEntry("R1", "4/3.50");
    }

    @Test
    void aReviewWrittenByAnotherImportAfterTheBatchLookedIsMovedWithBothRestaurantsFixed() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = otherImportWrites("RV1", "R2", 2)) {
            // the batch does not see RV1 yet (uncommitted); its upsert waits on it, then finds it stored at R2
            CompletableFuture<UUID> batch = applyInBackground("RV1,R3,,5,,,\nRV2,R1,,3,,,\n", pool);
            untilTheBatchWaitsForALock();
            other.commit();
            UUID jobId = batch.get(60, TimeUnit.SECONDS);
            assertThat(counts(jobId)).isEqualTo(new JobCounts(1L, 1L, 0L, 0L, 0L, 2L, "COMPLETED"));
        } finally {
            pool.shutdownNow();
        }
        expect("RV1", "R3", 5);
        expect("RV2", "R1", 3);
        assertThat(storedAggregates()).isEqualTo(expectedAggregates()).containsEntry("R2", "0/null");
    }

    @Test
    void batchesAppliedAtOnceByTwoWorkersLoseNoReviewOfASharedRestaurant() throws Exception {
        // 2,000 reviews of three restaurants in 20 batches: every batch touches every restaurant
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 2_000; i++) {
            String restaurant = "R" + (i % 3 + 1);
            int rating = i % 5 + 1;
            csv.append("RV").append(i).append(',').append(restaurant).append(",,").append(rating).append(",,,\n");
            expect("RV" + i, restaurant, rating);
        }
        UUID jobId = pendingJob("reviews", utf8(csv.toString()), "{\"batch_size\": 100}", "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));
        applyOnTwoThreads(jobId);

        assertThat(counts(jobId)).isEqualTo(new JobCounts(2_000L, 0L, 0L, 0L, 0L, 2_000L, "COMPLETED"));
        assertThat(storedAggregates()).isEqualTo(expectedAggregates());

        // then every review moves one restaurant on, and a fifth of them change their rating, on two workers again
        StringBuilder moved = new StringBuilder(HEADER);
        for (int i = 1; i <= 2_000; i++) {
            String restaurant = "R" + ((i + 1) % 3 + 1);
            int rating = i % 5 == 0 ? 1 : i % 5 + 1;
            moved.append("RV").append(i).append(',').append(restaurant).append(",,").append(rating).append(",,,\n");
            expect("RV" + i, restaurant, rating);
        }
        UUID again = pendingJob("reviews", utf8(moved.toString()), "{\"batch_size\": 100}", "COMMIT");
        dispatcher.dispatch(startedEvent(again));
        applyOnTwoThreads(again);

        assertThat(counts(again)).isEqualTo(new JobCounts(0L, 2_000L, 0L, 0L, 0L, 2_000L, "COMPLETED"));
        assertThat(storedAggregates()).isEqualTo(expectedAggregates());
    }

    /**
     * Every batch event of the job on two threads; again with those the applied batches announced (a tenant's
     * window announces its batches a few at a time), until no new one comes.
     */
    private void applyOnTwoThreads(UUID jobId) throws Exception {
        java.util.Set<UUID> handed = new java.util.HashSet<>();
        while (true) {
            List<EventEnvelope> events = outboxEvents(jobId, EventType.IMPORT_BATCH_READY).stream()
                    .filter(event -> handed.add(event.eventId())).toList();
            if (events.isEmpty()) {
                return;
            }
            applyOnTwoThreads(events);
        }
    }

    private void applyOnTwoThreads(List<EventEnvelope> events) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int worker = 0; worker < 2; worker++) {
                int parity = worker;
                workers.add(CompletableFuture.runAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int i = parity; i < events.size(); i += 2) {
                        dispatcher.dispatch(events.get(i));
                    }
                }, pool));
            }
            go.countDown();
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
