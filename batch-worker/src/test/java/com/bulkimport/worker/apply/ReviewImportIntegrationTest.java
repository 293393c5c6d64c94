package com.bulkimport.worker.apply;

import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.RecordChanged;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviews kind end to end in the worker: exact counts and row errors, its record events, and the
 * review_count and average_rating of every restaurant, checked against aggregates this test computes from
 * the reviews it believes stored (kept in Java, never read back from the database).
 */
class ReviewImportIntegrationTest extends WorkerIntegrationTest {

    private static final String HEADER = "review_ref,restaurant_external_id,author,rating,title,text,reviewed_at\n";

    /** What the test expects stored: review_ref → (restaurant external id, rating). */
    private final Map<String, Stored> stored = new TreeMap<>();

    private record Stored(String restaurant, int rating) {
    }

    /** A restaurant's aggregates as the test expects them: count, and the average rounded half up to 2 places. */
    private record Aggregates(long reviewCount, BigDecimal averageRating) {
    }

    @BeforeEach
    void restaurants() {
        importFile("restaurants", utf8("external_id,name\nR1,Cafe Sol\nR2,Tasca\nR3,Mar\n"), "{}");
    }

    private Map<String, Aggregates> expectedAggregates() {
        Map<String, List<Integer>> ratings = new TreeMap<>(Map.of("R1", new ArrayList<>(), "R2", new ArrayList<>(),
                "R3", new ArrayList<>()));
        stored.values().forEach(review -> ratings.get(review.restaurant()).add(review.rating()));
        Map<String, Aggregates> expected = new TreeMap<>();
        ratings.forEach((restaurant, list) -> expected.put(restaurant, new Aggregates(list.size(), list.isEmpty() ? null
                : BigDecimal.valueOf(list.stream().mapToInt(Integer::intValue).sum())
                .divide(BigDecimal.valueOf(list.size()), 2, RoundingMode.HALF_UP))));
        return expected;
    }

    private Map<String, Aggregates> storedAggregates() {
        Map<String, Aggregates> actual = new TreeMap<>();
        jdbc.sql("SELECT external_id, review_count, average_rating FROM restaurants WHERE tenant = :t")
                .param("t", tenant)
                .query(rs -> {
                    actual.put(rs.getString(1), new Aggregates(rs.getLong(2), rs.getBigDecimal(3)));
                });
        return actual;
    }

    /** The record events of a job, in file order. */
    private List<EventEnvelope> recordEvents(UUID jobId) {
        return jdbc.sql("SELECT payload::text FROM outbox_events WHERE aggregatetype <> 'import_job'"
                        + " AND payload #>> '{payload,job_id}' = :job ORDER BY (payload #>> '{payload,row_number}')::int")
                .param("job", jobId.toString()).query(String.class).list().stream().map(EventCodec::decode).toList();
    }

    private long restaurantId(String externalId) {
        return jdbc.sql("SELECT id FROM restaurants WHERE tenant = :t AND external_id = :e").param("t", tenant)
                .param("e", externalId).query(Long.class).single();
    }

    @Test
    void aReviewsFileIsCountedExactlyAndEveryRefusedRowSaysWhy() {
        UUID jobId = importFile("reviews", utf8(HEADER + """
                RV1,R1,Ana,5,Great,"Fresh fish, friendly staff.",2024-03-01 12:00:00
                RV2,R1,Bo,4,,OK,2024-03-02 12:00:00
                RV3,R9,Cy,4,,Ghost,2024-03-03 12:00:00
                RV4,R2,Di,0,,,
                RV5,R2,Ed,6,,,
                RV6,R2,Fa,five,,,
                RV1,R2,Gil,1,,,
                ,R2,Hu,4,,,
                RV7,R2,Ivo,4,Nice,"two
                lines",2024-03-04
                RV8,R1,Jo,4,,,
                """), "{}");

        // rows 1, 2, 9, 10 created; row 7 repeats RV1; rows 3 (unknown restaurant), 4, 5, 6, 8 refused
        assertThat(counts(jobId)).isEqualTo(new JobCounts(4L, 0L, 0L, 1L, 5L, 10L, "COMPLETED_WITH_ERRORS"));
        assertThat(rowErrors(jobId)).containsExactly(
                Arrays.asList(3L, "restaurant_external_id", "UNKNOWN_RESTAURANT",
                        "no restaurant with external_id 'R9' exists; import it first"),
                Arrays.asList(4L, "rating", "OUT_OF_RANGE", "rating must be at least 1, got 0"),
                Arrays.asList(5L, "rating", "OUT_OF_RANGE", "rating must be at most 5, got 6"),
                Arrays.asList(6L, "rating", "NOT_AN_INTEGER", "rating must be a whole number, got 'five'"),
                Arrays.asList(7L, null, "DUPLICATE_IN_FILE", "same record as row 1; the first occurrence is imported"),
                Arrays.asList(8L, "review_ref", "REQUIRED", "review_ref is required"));
        Map<String, Object> first = jdbc.sql("""
                        SELECT v.author, v.rating, v.title, v.text, v.reviewed_at, r.external_id AS restaurant
                        FROM reviews v JOIN restaurants r ON r.id = v.restaurant_id
                        WHERE v.tenant = :t AND v.review_ref = 'RV1'""").param("t", tenant).query().singleRow();
        assertThat(first).containsEntry("author", "Ana").containsEntry("rating", 5).containsEntry("title", "Great")
                .containsEntry("text", "Fresh fish, friendly staff.").containsEntry("restaurant", "R1");
        assertThat(((java.sql.Timestamp) first.get("reviewed_at")).toInstant())
                .isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
        assertThat(jdbc.sql("SELECT text FROM reviews WHERE tenant = :t AND review_ref = 'RV7'").param("t", tenant)
                .query(String.class).single()).isEqualTo("two\nlines");

        stored.put("RV1", new Stored("R1", 5));
        stored.put("RV2", new Stored("R1", 4));
        stored.put("RV7", new Stored("R2", 4));
        stored.put("RV8", new Stored("R1", 4));
        assertThat(storedAggregates()).isEqualTo(expectedAggregates());
        assertThat(storedAggregates().get("R1")).isEqualTo(new Aggregates(3, new BigDecimal("4.33")));
    }

    @Test
    void reviewsAnnounceThemselvesAndAMovedReviewFixesBothRestaurants() {
        UUID created = importFile("reviews", utf8(HEADER + """
                RV1,R1,Ana,5,,,2024-03-01 12:00:00
                RV2,R1,Bo,2,,,2024-03-02 12:00:00
                RV3,R2,Cy,3,,,2024-03-03 12:00:00
                """), "{}");
        stored.put("RV1", new Stored("R1", 5));
        stored.put("RV2", new Stored("R1", 2));
        stored.put("RV3", new Stored("R2", 3));
        assertThat(storedAggregates()).isEqualTo(expectedAggregates());
        List<EventEnvelope> announced = recordEvents(created);
        assertThat(announced).extracting(EventEnvelope::eventType)
                .containsExactly("REVIEW_CREATED", "REVIEW_CREATED", "REVIEW_CREATED");
        RecordChanged second = announced.get(1).payload(RecordChanged.class);
        assertThat(second.kind()).isEqualTo("reviews");
        assertThat(second.externalKey()).isEqualTo("RV2");
        assertThat(second.rowNumber()).isEqualTo(2);
        assertThat(second.recordId()).isEqualTo(jdbc.sql("SELECT id FROM reviews WHERE tenant = :t AND review_ref = 'RV2'")
                .param("t", tenant).query(Long.class).single());
        assertThat(second.record()).containsEntry("author", "Bo").containsEntry("rating", 2)
                .containsEntry("restaurant_external_id", "R1").doesNotContainKeys("tenant", "match_key");
        assertThat(jdbc.sql("SELECT DISTINCT aggregatetype || ':' || aggregateid FROM outbox_events"
                        + " WHERE type = 'REVIEW_CREATED' AND payload #>> '{payload,job_id}' = :job")
                .param("job", created.toString()).query(String.class).list())
                .as("each review is its own aggregate").hasSize(3).contains("review:" + second.recordId());

        // the aggregates moved, but no restaurant changed as an import changes it: nothing said of restaurants
        Map<String, Object> r1Before = jdbc.sql("SELECT updated_at, updated_by_job FROM restaurants WHERE tenant = :t"
                + " AND external_id = 'R1'").param("t", tenant).query().singleRow();

        // the same file again: nothing changes, nothing is announced
        UUID same = importFile("reviews", utf8(HEADER + """
                RV1,R1,Ana,5,,,2024-03-01 12:00:00
                RV2,R1,Bo,2,,,2024-03-02 12:00:00
                RV3,R2,Cy,3,,,2024-03-03 12:00:00
                """), "{}");
        assertThat(counts(same)).isEqualTo(new JobCounts(0L, 0L, 3L, 0L, 0L, 3L, "COMPLETED"));
        assertThat(recordEvents(same)).isEmpty();

        // RV1 re-rated, RV2 moved to R3, RV3 as it was
        UUID changed = importFile("reviews", utf8(HEADER + """
                RV1,R1,Ana,3,,,2024-03-01 12:00:00
                RV2,R3,Bo,2,,,2024-03-02 12:00:00
                RV3,R2,Cy,3,,,2024-03-03 12:00:00
                """), "{}");
        assertThat(counts(changed)).isEqualTo(new JobCounts(0L, 2L, 1L, 0L, 0L, 3L, "COMPLETED"));
        stored.put("RV1", new Stored("R1", 3));
        stored.put("RV2", new Stored("R3", 2));
        assertThat(storedAggregates()).isEqualTo(expectedAggregates());
        assertThat(storedAggregates()).containsEntry("R1", new Aggregates(1, new BigDecimal("3.00")))
                .containsEntry("R3", new Aggregates(1, new BigDecimal("2.00")));

        List<EventEnvelope> updates = recordEvents(changed);
        assertThat(updates).extracting(EventEnvelope::eventType).containsExactly("REVIEW_UPDATED", "REVIEW_UPDATED");
        assertThat(updates.get(0).payload(RecordChanged.class).changes())
                .containsOnly(Map.entry("rating", new RecordChanged.FieldChange(5, 3)));
        assertThat(updates.get(1).payload(RecordChanged.class).changes()).containsOnly(
                Map.entry("restaurant_external_id", new RecordChanged.FieldChange("R1", "R3")),
                Map.entry("restaurant_id", new RecordChanged.FieldChange((int) restaurantId("R1"),
                        (int) restaurantId("R3"))));
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregatetype = 'restaurant'"
                        + " AND type = 'RESTAURANT_UPDATED' AND payload #>> '{payload,tenant}' = :t")
                .param("t", tenant).query(Long.class).single()).as("aggregates are no restaurant change").isZero();
        assertThat(jdbc.sql("SELECT updated_at, updated_by_job FROM restaurants WHERE tenant = :t AND external_id = 'R1'")
                .param("t", tenant).query().singleRow()).isEqualTo(r1Before);

        // every review of R1 moves away: no reviews, no average
        importFile("reviews", utf8(HEADER + "RV1,R2,Ana,3,,,2024-03-01 12:00:00\n"), "{}");
        stored.put("RV1", new Stored("R2", 3));
        assertThat(storedAggregates()).isEqualTo(expectedAggregates())
                .containsEntry("R1", new Aggregates(0, null));

        // a restaurants import afterwards leaves them as they are, and its events show them but never as a change
        UUID renamed = importFile("restaurants", utf8("external_id,name\nR2,Tasca Nova\n"), "{}");
        assertThat(storedAggregates()).isEqualTo(expectedAggregates());
        RecordChanged rename = recordEvents(renamed).get(0).payload(RecordChanged.class);
        assertThat(rename.changes()).containsOnlyKeys("name");
        assertThat(rename.record()).containsEntry("review_count", 2).containsEntry("average_rating", 3.0);
    }

    @Test
    void aDryRunPreviewsReviewsAsApplyingThemCounts() {
        importFile("reviews", utf8(HEADER + "RV1,R1,Ana,5,,,\nRV2,R1,Bo,4,,,\n"), "{}");
        stored.put("RV1", new Stored("R1", 5));
        stored.put("RV2", new Stored("R1", 4));

        UUID jobId = pendingJob("reviews", utf8(HEADER + """
                RV1,R1,Ana,5,,,
                RV2,R2,Bo,4,,,
                RV3,R3,Cy,1,,,
                RV3,R3,Cy again,2,,,
                RV4,R9,Di,3,,,
                RV5,R1,Ed,6,,,
                """), "{}", "DRY_RUN");
        dispatcher.dispatch(startedEvent(jobId));

        assertThat(job(jobId)).containsEntry("status", "PREVIEW_READY").containsEntry("created_count", 0L);
        JsonNode preview = JsonHttp.JSON.readTree(jdbc.sql("SELECT preview::text FROM import_jobs WHERE id = :id")
                .param("id", jobId).query(String.class).single());
        Map<String, Long> previewed = new LinkedHashMap<>();
        List.of("created", "updated", "unchanged", "duplicates", "errors")
                .forEach(outcome -> previewed.put(outcome, preview.path(outcome).asLong()));
        // RV3 new; RV2 moved to R2; RV1 as it is; row 4 repeats RV3; RV4's restaurant unknown, RV5 rated 6
        assertThat(previewed).containsExactly(Map.entry("created", 1L), Map.entry("updated", 1L),
                Map.entry("unchanged", 1L), Map.entry("duplicates", 1L), Map.entry("errors", 2L));
        List<String> errorSamples = new ArrayList<>();
        preview.path("samples").path("errors").forEach(sample -> errorSamples.add(sample.path("row_number").asLong()
                + ": " + sample.path("message").asString("")));
        // an unknown restaurant is found by the preview's classification (no message), a bad rating by validation
        assertThat(errorSamples).containsExactlyInAnyOrder("5: ", "6: rating must be at most 5, got 6");
        assertThat(storedAggregates()).as("nothing written").isEqualTo(expectedAggregates());

        lifecycle.confirm(jobStore.find(jobId).orElseThrow().ref());
        applyAll(jobId);

        assertThat(counts(jobId)).isEqualTo(new JobCounts(1L, 1L, 1L, 1L, 2L, 6L, "COMPLETED_WITH_ERRORS"));
        stored.put("RV2", new Stored("R2", 4));
        stored.put("RV3", new Stored("R3", 1));
        assertThat(storedAggregates()).isEqualTo(expectedAggregates());
    }
}
