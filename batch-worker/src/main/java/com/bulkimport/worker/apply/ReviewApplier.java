package com.bulkimport.worker.apply;

import com.bulkimport.engine.match.MatchSql;
import com.bulkimport.model.ImportKind;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reviews: the keyed upsert (by {@code review_ref}; a review of an unknown restaurant is a row error
 * {@code UNKNOWN_RESTAURANT}), then the {@code review_count} and {@code average_rating} of every restaurant
 * the batch touched, recomputed from its reviews in the batch's transaction: each row's restaurant before
 * and after, so a review moved to another restaurant fixes both (docs/architecture.md, "Reviews and the
 * restaurant's aggregates"). Three statements besides the upsert, each set-based over the whole batch.
 *
 * <p>Why the locks. The reviews a batch will overwrite are locked before the upsert, so the restaurants they
 * pointed at are known for certain; a review another import inserts in between (not there to lock, then met
 * by the upsert) makes the batch start over ({@link ReviewWrittenMeanwhile}), as a unique-key race does. The
 * touched restaurants are locked before their aggregates are computed, by a statement of its own: under
 * READ COMMITTED the computing statement then takes its snapshot after every other batch that touched them
 * committed, so two batches adding reviews to one restaurant cannot both count from the same old state.
 * {@code FOR NO KEY UPDATE}, in match key order as the restaurant applier locks: it waits neither for a
 * review's or a dish's foreign key check nor, in another order, for a restaurants import.
 */
final class ReviewApplier implements BatchApplier {

    private final KeyedUpsertApplier upsert;
    private final JdbcClient jdbc;

    ReviewApplier(JdbcClient jdbc, String eventSource, boolean history) {
        this.jdbc = jdbc;
        this.upsert = new KeyedUpsertApplier(ImportKind.REVIEWS, "reviews", jdbc, new KeyedUpsertApplier.Reference(
                "restaurant_id", MatchSql.RESTAURANT_OF_ROW, "restaurant_external_id", "UNKNOWN_RESTAURANT",
                "restaurant with external_id"), eventSource, history);
    }

    @Override
    public ImportKind kind() {
        return ImportKind.REVIEWS;
    }

    @Override
    public ApplyCounts apply(BatchScope batch) {
        Prior prior = lockStoredReviews(batch);
        ApplyCounts counts = upsert.apply(batch);
        if (counts.updated() + counts.unchanged() != prior.reviews()) {
            throw new ReviewWrittenMeanwhile(batch, prior.reviews(), counts.updated() + counts.unchanged());
        }
        if (counts.created() + counts.updated() > 0) {
            recompute(lockTouchedRestaurants(batch, prior.restaurants()));
        }
        return counts;
    }

    /** The stored reviews of the batch's rows, and the restaurants they point at now. */
    private record Prior(long reviews, String restaurants) {
    }

    /** Locks the stored reviews the batch's rows will meet (those of known restaurants: the others are refused). */
    private Prior lockStoredReviews(BatchScope batch) {
        return jdbc.sql("""
                        SELECT count(*) AS reviews, coalesce(array_agg(DISTINCT restaurant_id), '{}')::text AS restaurants
                        FROM (SELECT t.restaurant_id FROM staging_reviews s
                              JOIN reviews t ON t.tenant = :tenant AND t.match_key = s.match_key
                              WHERE %s AND (%s) IS NOT NULL
                              ORDER BY t.match_key FOR NO KEY UPDATE OF t) stored"""
                        .formatted(Sql.batchRows("s"), MatchSql.RESTAURANT_OF_ROW))
                .param("job", batch.jobId()).param("seq", batch.seq()).param("tenant", batch.tenant())
                .query((rs, n) -> new Prior(rs.getLong("reviews"), rs.getString("restaurants")))
                .single();
    }

    /** Locks the restaurants the batch's reviews pointed at before and point at now; returns their ids. */
    private String lockTouchedRestaurants(BatchScope batch, String before) {
        return jdbc.sql("""
                        SELECT coalesce(array_agg(id), '{}')::text FROM (
                            SELECT r.id FROM restaurants r WHERE r.id IN (
                                SELECT unnest(CAST(:before AS bigint[]))
                                UNION
                                SELECT t.restaurant_id FROM staging_reviews s
                                JOIN reviews t ON t.tenant = :tenant AND t.match_key = s.match_key WHERE %s)
                            ORDER BY r.match_key FOR NO KEY UPDATE OF r) touched""".formatted(Sql.batchRows("s")))
                .param("job", batch.jobId()).param("seq", batch.seq()).param("tenant", batch.tenant())
                .param("before", before)
                .query(String.class).single();
    }

    /**
     * What a revert of reviews does once it deleted or restored some: the restaurants they pointed at before and
     * after, locked in match key order as the apply locks them, then their aggregates recomputed.
     */
    static void recomputeAfterRevert(JdbcClient jdbc, String restaurants) {
        String locked = jdbc.sql("""
                        SELECT coalesce(array_agg(id), '{}')::text FROM (
                            SELECT r.id FROM restaurants r WHERE r.id = ANY (CAST(:restaurants AS bigint[]))
                            ORDER BY r.match_key FOR NO KEY UPDATE OF r) touched""")
                .param("restaurants", restaurants).query(String.class).single();
        recompute(jdbc, locked);
    }

    private void recompute(String restaurants) {
        recompute(jdbc, restaurants);
    }

    /**
     * The count and the average (2 decimal places, half away from zero) of each touched restaurant's reviews;
     * none left: 0 and no average. Only restaurants whose values move are written, and never their
     * {@code updated_at}: aggregates are no imported change.
     */
    private static void recompute(JdbcClient jdbc, String restaurants) {
        jdbc.sql("""
                        UPDATE restaurants r SET review_count = a.reviews, average_rating = a.average
                        FROM (SELECT x.id, count(v.rating)::int AS reviews, round(avg(v.rating), 2) AS average
                              FROM unnest(CAST(:restaurants AS bigint[])) AS x(id)
                              LEFT JOIN reviews v ON v.restaurant_id = x.id
                              GROUP BY x.id) a
                        WHERE r.id = a.id AND (r.review_count, r.average_rating) IS DISTINCT FROM (a.reviews, a.average)""")
                .param("restaurants", restaurants)
                .update();
    }

    /** Another import stored a review of this batch between the lock and the upsert: the batch starts over. */
    static final class ReviewWrittenMeanwhile extends PessimisticLockingFailureException {
        ReviewWrittenMeanwhile(BatchScope batch, long locked, long met) {
            super("batch " + batch.batchId() + " locked " + locked + " stored reviews but its upsert met " + met
                    + ": another import wrote one meanwhile");
        }
    }
}
