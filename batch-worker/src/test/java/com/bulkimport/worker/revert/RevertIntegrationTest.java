package com.bulkimport.worker.revert;

import com.bulkimport.engine.revert.RevertPreview;
import com.bulkimport.engine.revert.Reverts;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.event.RecordChanged;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Reverting imports (issue 18): import A creates N restaurants, import B updates k of them and creates m, a third
 * import C changes one of B's records again. Reverting B gives exactly the old values back and removes what it
 * created, leaving C's record as it is (a conflict in the revert's own error report); reverting A afterwards
 * removes the rest, but for C's record and one that a dish points at. Every expectation is computed from the files
 * the test wrote, not from what the revert reports.
 */
class RevertIntegrationTest extends WorkerIntegrationTest {

    private static final int N = 10;

    @Autowired
    private Reverts reverts;
    @Autowired
    private TransactionTemplate tx;

    private static String restaurants(Map<String, String> cityById) {
        StringBuilder csv = new StringBuilder("external_id,name,city\n");
        cityById.forEach((id, city) -> csv.append(id).append(",Place ").append(id).append(',').append(city).append('\n'));
        return csv.toString();
    }

    /** Each restaurant of the tenant as its whole row (JSON), by external id. */
    private Map<String, String> rows() {
        Map<String, String> rows = new TreeMap<>();
        jdbc.sql("SELECT external_id, to_jsonb(r)::text FROM restaurants r WHERE tenant = :t").param("t", tenant)
                .query((rs, n) -> rows.put(rs.getString(1), rs.getString(2))).list();
        return rows;
    }

    private UUID revert(UUID target) {
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(status -> reverts.start(id, target, "trace", 2));
        applyAll(id);
        return id;
    }

    private long deleted(UUID jobId) {
        return (Long) job(jobId).get("deleted_count");
    }

    private List<EventEnvelope> recordEvents(UUID jobId) {
        return jdbc.sql("SELECT payload::text FROM outbox_events WHERE aggregatetype = 'restaurant'"
                        + " AND payload #>> '{payload,job_id}' = :job")
                .param("job", jobId.toString()).query(String.class).list().stream().map(EventCodec::decode).toList();
    }

    @Test
    void revertingBThenAGivesBackExactlyWhatEachChangedAndLeavesLaterChangesAlone() {
        Map<String, String> fileA = new TreeMap<>();
        IntStream.rangeClosed(1, N).forEach(i -> fileA.put("R" + i, "Lisbon"));
        UUID a = importFile("restaurants", utf8(restaurants(fileA)), "{\"batch_size\": 4}");
        Map<String, String> afterA = rows();
        assertThat(afterA).hasSize(N);

        // B: k changed, one sent unchanged, m new
        Map<String, String> fileB = new TreeMap<>(Map.of("R1", "Porto", "R2", "Porto", "R3", "Porto", "R4", "Porto",
                "R5", "Lisbon", "R11", "Braga", "R12", "Braga", "R13", "Braga"));
        Set<String> changedByB = fileB.entrySet().stream().filter(e -> fileA.containsKey(e.getKey())
                && !fileA.get(e.getKey()).equals(e.getValue())).map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> createdByB = fileB.keySet().stream().filter(id -> !fileA.containsKey(id)).collect(Collectors.toSet());
        UUID b = importFile("restaurants", utf8(restaurants(fileB)), "{\"batch_size\": 3}");
        assertThat(counts(b).updated()).isEqualTo(changedByB.size());
        assertThat(counts(b).created()).isEqualTo(createdByB.size());

        // C changes one of B's records again; a dish comes to point at one of A's
        UUID c = importFile("restaurants", utf8(restaurants(Map.of("R2", "Faro"))), "{}");
        Map<String, String> afterC = rows();
        importFile("dishes", utf8("restaurant_external_id,name,price\nR10,Soup,4.50\n"), "{}");

        RevertPreview preview = reverts.preview(b);
        assertThat(preview.changes()).isEqualTo(changedByB.size() + createdByB.size());
        assertThat(preview.wouldDelete()).isEqualTo(createdByB.size());
        assertThat(preview.wouldRestore()).isEqualTo(changedByB.size() - 1);
        assertThat(preview.conflicts()).isEqualTo(1);
        assertThat(preview.examples().get(0).outcome()).isEqualTo("CHANGED_SINCE");
        assertThat(rows()).as("a preview changes nothing").isEqualTo(afterC);

        UUID revertB = revert(b);

        assertThat(counts(revertB).status()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(deleted(revertB)).isEqualTo(createdByB.size());
        assertThat(counts(revertB).updated()).isEqualTo(changedByB.size() - 1);
        assertThat(counts(revertB).errors()).isEqualTo(1);
        Map<String, String> expected = new TreeMap<>(afterA);
        expected.put("R2", afterC.get("R2"));
        assertThat(rows()).as("B's changes undone to the byte, C's left").isEqualTo(expected);
        List<List<Object>> conflicts = rowErrors(revertB);
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).get(2)).isEqualTo("REVERT_CHANGED_SINCE");
        assertThat((String) conflicts.get(0).get(3)).contains("changed by import " + c);
        Map<String, Long> events = recordEvents(revertB).stream()
                .collect(Collectors.groupingBy(EventEnvelope::eventType, Collectors.counting()));
        assertThat(events).containsOnly(entry("RESTAURANT_DELETED", (long) createdByB.size()),
                entry("RESTAURANT_UPDATED", changedByB.size() - 1L));
        RecordChanged restored = recordEvents(revertB).stream().filter(e -> e.eventType().equals("RESTAURANT_UPDATED"))
                .findFirst().orElseThrow().payload(RecordChanged.class);
        assertThat(restored.changes()).containsEntry("city", new RecordChanged.FieldChange("Porto", "Lisbon"));
        assertThat(onlyEvent(revertB, EventType.IMPORT_JOB_COMPLETED)).containsEntry("deleted", (long) createdByB.size())
                .containsEntry("updated", changedByB.size() - 1L).containsEntry("errors", 1L);

        RevertPreview left = reverts.preview(b);
        assertThat(List.of(left.changes(), left.conflicts())).as("only the conflict is left to try again")
                .containsExactly(1L, 1L);

        UUID revertA = revert(a);

        // A created R1..R10: all go but R2 (C changed it) and R10 (a dish points at it)
        assertThat(deleted(revertA)).isEqualTo(N - 2);
        assertThat(counts(revertA).errors()).isEqualTo(2);
        assertThat(rowErrors(revertA)).extracting(e -> e.get(2))
                .containsExactlyInAnyOrder("REVERT_CHANGED_SINCE", "REVERT_REFERENCED");
        assertThat(rows().keySet()).containsExactly("R10", "R2");
        assertThat(rows().get("R2")).isEqualTo(afterC.get("R2"));
    }


    private long count(String sql) {
        return jdbc.sql(sql).param("t", tenant).query(Long.class).single();
    }

    @Test
    void aPurchaseImportsTransactionsGoWithTheirLinesAndTheProductsTheyPointAtStayUntilThen() {
        UUID products = importFile("products", utf8("sku,name,category\nS1,Tea,Drinks\nS2,Coffee,Drinks\n"), "{}");
        importFile("customers", utf8("customer_ref,name\nC1,Ann\n"), "{}");
        UUID purchases = importFile("purchases", utf8("transaction_ref,merchant,customer_ref,sku,quantity,unit_price\n"
                + "T1,m1,C1,S1,2,1.50\nT1,m1,C1,S2,1,3.00\nT2,m1,C1,S2,4,3.00\n"), "{}");
        assertThat(count("SELECT count(*) FROM purchase_items i JOIN purchases p ON p.id = i.purchase_id"
                + " WHERE p.tenant = :t")).isEqualTo(3);

        UUID tooEarly = revert(products);
        assertThat(deleted(tooEarly)).isZero();
        assertThat(rowErrors(tooEarly)).extracting(e -> e.get(2)).containsOnly("REVERT_REFERENCED").hasSize(2);

        UUID revertPurchases = revert(purchases);
        assertThat(deleted(revertPurchases)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM purchases WHERE tenant = :t")).isZero();
        assertThat(count("SELECT count(*) FROM purchase_items i WHERE NOT EXISTS"
                + " (SELECT 1 FROM purchases p WHERE p.id = i.purchase_id)")).isZero();
        assertThat(recordEvents(revertPurchases)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE type = 'PURCHASE_DELETED'"
                        + " AND payload #>> '{payload,job_id}' = :job").param("job", revertPurchases.toString())
                .query(Long.class).single()).isEqualTo(2);

        UUID thenProducts = revert(products);
        assertThat(deleted(thenProducts)).as("the conflicts of the first revert, tried again").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM products WHERE tenant = :t")).isZero();
    }

    @Test
    void aReviewsRevertPutsItsRestaurantsAggregatesBack() {
        importFile("restaurants", utf8("external_id,name,city\nR1,Sol,Lisbon\n"), "{}");
        UUID first = importFile("reviews", utf8("review_ref,restaurant_external_id,rating\nV1,R1,4\nV2,R1,2\n"), "{}");
        UUID second = importFile("reviews", utf8("review_ref,restaurant_external_id,rating\nV2,R1,5\n"), "{}");
        String aggregates = "SELECT review_count || '/' || coalesce(average_rating::text, '-') FROM restaurants"
                + " WHERE tenant = :t";
        assertThat(jdbc.sql(aggregates).param("t", tenant).query(String.class).single()).isEqualTo("2/4.50");

        revert(second);
        assertThat(jdbc.sql(aggregates).param("t", tenant).query(String.class).single()).isEqualTo("2/3.00");

        revert(first);
        assertThat(jdbc.sql(aggregates).param("t", tenant).query(String.class).single()).isEqualTo("0/-");
    }

    @Test
    void aReviewMovedAwayFromARestaurantThatIsGoneNowStaysWhereItIs() {
        UUID restaurants = importFile("restaurants", utf8("external_id,name,city\nR1,Sol,Lisbon\nR2,Mar,Porto\n"), "{}");
        importFile("reviews", utf8("review_ref,restaurant_external_id,rating\nV1,R1,4\n"), "{}");
        UUID moved = importFile("reviews", utf8("review_ref,restaurant_external_id,rating\nV1,R2,4\n"), "{}");

        UUID revertRestaurants = revert(restaurants);
        assertThat(deleted(revertRestaurants)).as("R1: nothing points at it now").isEqualTo(1);
        assertThat(rowErrors(revertRestaurants)).extracting(e -> e.get(2)).containsExactly("REVERT_REFERENCED");

        assertThat(reverts.preview(moved).conflicts()).isEqualTo(1);
        UUID revertMove = revert(moved);
        assertThat(rowErrors(revertMove)).extracting(e -> e.get(2)).containsExactly("REVERT_PARENT_GONE");
        assertThat(jdbc.sql("SELECT r.external_id FROM reviews v JOIN restaurants r ON r.id = v.restaurant_id"
                + " WHERE v.tenant = :t").param("t", tenant).query(String.class).single()).isEqualTo("R2");
    }
}
