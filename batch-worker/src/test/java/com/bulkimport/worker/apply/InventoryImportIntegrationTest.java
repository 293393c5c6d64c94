package com.bulkimport.worker.apply;

import com.bulkimport.engine.revert.Reverts;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.RecordChanged;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory kind end to end in the worker (issue 17): exact counts, an unknown product as a row error on its
 * column, the same store and product twice in a file, an older count that changes nothing and a newer one that
 * does, the preview of a dry run against what applying it then does, its record events, and reverts. Every
 * expected value is written out from the files the test sends.
 */
class InventoryImportIntegrationTest extends WorkerIntegrationTest {

    private static final String RICE_GTIN = "8901030875397";
    private static final String SALT_GTIN = "4006381333931";
    /** A valid GTIN no product has. */
    private static final String UNKNOWN_GTIN = "5000000000012";
    private static final String HEADER = "store_ref,sku,barcode,quantity,price,currency,updated_at\n";

    @Autowired
    private Reverts reverts;
    @Autowired
    private TransactionTemplate tx;

    private UUID products;

    @BeforeEach
    void products() {
        products = importFile("products", utf8("name,category,sku,barcode\n"
                + "Rice,Grains,RICE-1KG," + RICE_GTIN + "\nTea,Drinks,TEA-100,\nSalt,Spices,," + SALT_GTIN + "\n"), "{}");
    }

    /** Every stock record of the tenant as "store sku-or-barcode: quantity price currency stock time", sorted. */
    private List<String> stock() {
        return jdbc.sql("""
                        SELECT i.store_ref || ' ' || coalesce(p.sku, p.barcode) || ': ' || i.quantity || ' '
                               || coalesce(i.price::text, '-') || ' ' || coalesce(i.currency, '-') || ' '
                               || to_char(i.stock_updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
                        FROM inventory i JOIN products p ON p.id = i.product_id
                        WHERE i.tenant = :t ORDER BY 1""")
                .param("t", tenant).query(String.class).list();
    }

    private List<EventEnvelope> recordEvents(UUID jobId) {
        return jdbc.sql("SELECT payload::text FROM outbox_events WHERE aggregatetype = 'inventory'"
                        + " AND payload #>> '{payload,job_id}' = :job ORDER BY (payload #>> '{payload,row_number}')::int")
                .param("job", jobId.toString()).query(String.class).list().stream().map(EventCodec::decode).toList();
    }

    private UUID revert(UUID target) {
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(status -> reverts.start(id, target, "trace", 2));
        applyAll(id);
        return id;
    }

    @Test
    void stockIsCountedExactlyAndAnOlderCountNeverOverwritesANewerOne() {
        UUID first = importFile("inventory", utf8(HEADER
                + "S1,RICE-1KG,,24,3.49,EUR,2024-03-01 10:00:00\n"
                + "S1,TEA-100,,\"1,200\",2.5,eur,2024-03-01 10:00:00\n"
                + "S2,,"  + SALT_GTIN + ",0,,,2024-03-01 10:00:00\n"
                + "S1,NOPE,,5,1,EUR,2024-03-01 10:00:00\n"
                + "S2,," + UNKNOWN_GTIN + ",5,,,2024-03-01 10:00:00\n"
                + "S1,RICE-1KG,,30,,,2024-03-02 10:00:00\n"
                + "S2,," + RICE_GTIN + ",7,,,2024-03-01 10:00:00\n"
                + "S1,," + RICE_GTIN + ",9,,,2024-03-01 10:00:00\n"
                + "S1,TEA-100,,-1,,,2024-03-01 10:00:00\n"
                + "S3,,,1,,,2024-03-01 10:00:00\n"), "{}");

        // created: rows 1, 2, 3, 7; duplicates: row 6 (same key as row 1), row 8 (rice again in S1, by its barcode);
        // refused: 4 and 5 (unknown products), 9 (negative), 10 (no product named)
        assertThat(counts(first)).isEqualTo(new JobCounts(4L, 0L, 0L, 2L, 4L, 10L, "COMPLETED_WITH_ERRORS"));
        assertThat(rowErrors(first)).containsExactly(
                Arrays.asList(4L, "sku", "UNKNOWN_PRODUCT", "no product with sku 'NOPE' exists; import it first"),
                Arrays.asList(5L, "barcode", "UNKNOWN_PRODUCT",
                        "no product with barcode '" + UNKNOWN_GTIN + "' exists; import it first"),
                Arrays.asList(6L, null, "DUPLICATE_IN_FILE", "same record as row 1; the first occurrence is imported"),
                Arrays.asList(8L, null, "DUPLICATE_IN_FILE",
                        "same store and product as row 1; the first occurrence is imported"),
                Arrays.asList(9L, "quantity", "OUT_OF_RANGE", "quantity must be at least 0, got -1"),
                Arrays.asList(10L, "sku", "REQUIRED", "sku or barcode is required: give at least one"));
        assertThat(stock()).containsExactly(
                "S1 RICE-1KG: 24 3.49 EUR 2024-03-01 10:00",
                "S1 TEA-100: 1200 2.5 EUR 2024-03-01 10:00",
                "S2 " + SALT_GTIN + ": 0 - - 2024-03-01 10:00",
                "S2 RICE-1KG: 7 - - 2024-03-01 10:00");
        assertThat(recordEvents(first)).extracting(EventEnvelope::eventType).containsExactly(
                "INVENTORY_CREATED", "INVENTORY_CREATED", "INVENTORY_CREATED", "INVENTORY_CREATED");
        assertThat(jdbc.sql("SELECT count(*) FROM inventory WHERE created_by_job = :j AND updated_by_job = :j")
                .param("j", first).query(Long.class).single()).isEqualTo(4L);

        UUID second = importFile("inventory", utf8(HEADER
                + "S1,RICE-1KG,,5,9.99,USD,2024-02-28 09:00:00\n"
                + "S1,TEA-100,,1100,2.5,EUR,2024-03-05 08:00:00\n"
                + "S2,," + SALT_GTIN + ",0,,,2024-03-01 10:00:00\n"
                + "S2,RICE-1KG,,8,,,2024-03-01 10:00:00\n"), "{}");

        // row 1 is older than the stored count: unchanged; row 3 is the same count; row 2 is newer, row 4 a recount
        // at the same time: both applied
        assertThat(counts(second)).isEqualTo(new JobCounts(0L, 2L, 2L, 0L, 0L, 4L, "COMPLETED"));
        assertThat(rowErrors(second)).isEmpty();
        assertThat(stock()).containsExactly(
                "S1 RICE-1KG: 24 3.49 EUR 2024-03-01 10:00",
                "S1 TEA-100: 1100 2.5 EUR 2024-03-05 08:00",
                "S2 " + SALT_GTIN + ": 0 - - 2024-03-01 10:00",
                "S2 RICE-1KG: 8 - - 2024-03-01 10:00");
        List<EventEnvelope> updated = recordEvents(second);
        assertThat(updated).extracting(EventEnvelope::eventType).containsExactly("INVENTORY_UPDATED", "INVENTORY_UPDATED");
        RecordChanged tea = updated.get(0).payload(RecordChanged.class);
        assertThat(tea.rowNumber()).isEqualTo(2L);
        assertThat(tea.changes().keySet()).containsExactlyInAnyOrder("quantity", "stock_updated_at");
        assertThat(tea.changes()).containsEntry("quantity", new RecordChanged.FieldChange(1200, 1100));
        assertThat(updated.get(1).payload(RecordChanged.class).changes().keySet()).containsExactly("quantity");

        // a revert of the second import gives both records their counts back; then the first's deletes all four
        UUID revertSecond = revert(second);
        assertThat(counts(revertSecond)).isEqualTo(new JobCounts(0L, 2L, 0L, 0L, 0L, 2L, "COMPLETED"));
        assertThat(stock()).containsExactly(
                "S1 RICE-1KG: 24 3.49 EUR 2024-03-01 10:00",
                "S1 TEA-100: 1200 2.5 EUR 2024-03-01 10:00",
                "S2 " + SALT_GTIN + ": 0 - - 2024-03-01 10:00",
                "S2 RICE-1KG: 7 - - 2024-03-01 10:00");
        assertThat(recordEvents(revertSecond)).extracting(EventEnvelope::eventType)
                .containsExactly("INVENTORY_UPDATED", "INVENTORY_UPDATED");
        assertThat(reverts.preview(products).conflicts()).as("stock points at all three products").isEqualTo(3);

        UUID revertFirst = revert(first);
        assertThat(deleted(revertFirst)).isEqualTo(4L);
        assertThat(stock()).isEmpty();
        assertThat(recordEvents(revertFirst)).extracting(EventEnvelope::eventType).containsOnly("INVENTORY_DELETED")
                .hasSize(4);
        assertThat(reverts.preview(products).conflicts()).isZero();
    }

    private long deleted(UUID jobId) {
        return (Long) job(jobId).get("deleted_count");
    }

    @Test
    void aDryRunPreviewsWhatApplyingThenDoes() {
        importFile("inventory", utf8(HEADER + "S1,RICE-1KG,,24,3.49,EUR,2024-03-01 10:00:00\n"
                + "S1,TEA-100,,10,,,2024-03-01 10:00:00\n"), "{}");

        UUID jobId = pendingJob("inventory", utf8("store_ref,sku,barcode,quantity,updated_at\n"
                + "S1,RICE-1KG,,1,2024-01-01 00:00\n"
                + "S1,TEA-100,,10,2024-03-06 00:00\n"
                + "S3,RICE-1KG,,1,2024-03-06 00:00\n"
                + "S3,," + RICE_GTIN + ",2,2024-03-06 00:00\n"
                + "S3,GHOST,,1,2024-03-06 00:00\n"
                + "S3,TEA-100,,-4,2024-03-06 00:00\n"), "{}", "DRY_RUN");
        dispatcher.dispatch(startedEvent(jobId));

        assertThat(job(jobId)).containsEntry("status", "PREVIEW_READY");
        JsonNode preview = JsonHttp.JSON.readTree(jdbc.sql("SELECT preview::text FROM import_jobs WHERE id = :id")
                .param("id", jobId).query(String.class).single());
        Map<String, Long> previewed = new LinkedHashMap<>();
        List.of("created", "updated", "unchanged", "duplicates", "errors")
                .forEach(outcome -> previewed.put(outcome, preview.path(outcome).asLong()));
        // row 1 older (unchanged), row 2 a newer count alone (updated), row 3 new, row 4 rice in S3 again,
        // row 5 an unknown product, row 6 a negative quantity
        assertThat(previewed).containsExactly(Map.entry("created", 1L), Map.entry("updated", 1L),
                Map.entry("unchanged", 1L), Map.entry("duplicates", 1L), Map.entry("errors", 2L));
        JsonNode before = preview.path("samples").path("updated").get(0).path("before");
        assertThat(before.path("updated_at").isMissingNode()).isFalse();
        assertThat(before.has("quantity")).as("the same quantity is no change").isFalse();

        lifecycle.confirm(jobStore.find(jobId).orElseThrow().ref());
        applyAll(jobId);

        assertThat(counts(jobId)).isEqualTo(new JobCounts(1L, 1L, 1L, 1L, 2L, 6L, "COMPLETED_WITH_ERRORS"));
        assertThat(stock()).containsExactly(
                "S1 RICE-1KG: 24 3.49 EUR 2024-03-01 10:00",
                "S1 TEA-100: 10 - - 2024-03-06 00:00",
                "S3 RICE-1KG: 1 - - 2024-03-06 00:00");
    }
}
