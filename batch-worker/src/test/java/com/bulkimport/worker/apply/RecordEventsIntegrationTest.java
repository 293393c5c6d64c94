package com.bulkimport.worker.apply;

import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.event.ImportBatchApplied;
import com.bulkimport.model.event.RecordChanged;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every imported record announced once, by the apply that changed it: exact counts per outcome, the
 * changed fields with their values before and after, nothing for unchanged rows, duplicates, refused
 * rows, dry runs or a batch delivered again; a summary per batch, or nothing, when the job asks so.
 */
class RecordEventsIntegrationTest extends WorkerIntegrationTest {

    /** The record events an import wrote, in file order. */
    private List<EventEnvelope> recordEvents(UUID jobId) {
        return jdbc.sql("SELECT payload::text FROM outbox_events WHERE aggregatetype <> 'import_job'"
                        + " AND payload #>> '{payload,job_id}' = :job ORDER BY (payload #>> '{payload,row_number}')::int")
                .param("job", jobId.toString()).query(String.class).list().stream().map(EventCodec::decode).toList();
    }

    private static String restaurants(int from, int to, String city) {
        StringBuilder csv = new StringBuilder("external_id,name,city\n");
        for (int i = from; i <= to; i++) {
            csv.append("R").append(i).append(",Place ").append(i).append(',').append(city).append('\n');
        }
        return csv.toString();
    }

    @Test
    void eachCreatedAndEachChangedRecordIsAnnouncedOnceAndNothingElse() {
        UUID first = importFile("restaurants", utf8(restaurants(1, 250, "Lisbon")
                + "R1,Place 1,Lisbon\n" // a duplicate of row 1
                + ",,Nowhere\n"),       // refused: no name
                "{\"batch_size\": 100}");

        List<EventEnvelope> created = recordEvents(first);
        assertThat(created).hasSize(250).allSatisfy(e -> assertThat(e.eventType()).isEqualTo("RESTAURANT_CREATED"));
        RecordChanged third = created.get(2).payload(RecordChanged.class);
        assertThat(third.rowNumber()).isEqualTo(3);
        assertThat(third.externalKey()).isEqualTo("R3");
        assertThat(third.tenant()).isEqualTo(tenant);
        assertThat(third.record()).containsEntry("name", "Place 3").containsEntry("city", "Lisbon");
        assertThat(third.recordId()).isEqualTo(jdbc.sql("SELECT id FROM restaurants WHERE tenant = :t AND external_id = 'R3'")
                .param("t", tenant).query(Long.class).single());
        assertThat(third.batchId()).isIn(outboxEvents(first, EventType.IMPORT_BATCH_READY).stream()
                .map(e -> UUID.fromString(e.payloadText("batch_id"))).toList());
        assertThat(created).extracting(e -> e.traceId()).containsOnly("trace");

        // 3 of them change their city, 2 stay as they are: 3 updates
        UUID changed = importFile("restaurants", utf8(restaurants(1, 3, "Porto") + restaurants(4, 5, "Lisbon")
                .replace("external_id,name,city\n", "")), "{}");

        List<EventEnvelope> updates = recordEvents(changed);
        assertThat(updates).extracting(EventEnvelope::eventType).containsExactly("RESTAURANT_UPDATED",
                "RESTAURANT_UPDATED", "RESTAURANT_UPDATED");
        assertThat(updates.get(1).payload(RecordChanged.class).changes())
                .containsOnly(Map.entry("city", new RecordChanged.FieldChange("Lisbon", "Porto")));

        // the same file again: nothing changes, nothing is announced
        UUID again = importFile("restaurants", utf8(restaurants(1, 3, "Porto")), "{}");
        assertThat(counts(again).unchanged()).isEqualTo(3);
        assertThat(recordEvents(again)).isEmpty();
    }

    @Test
    void aBatchDeliveredAgainAnnouncesNothingTwice() {
        UUID jobId = importFile("customers", utf8("customer_ref,name\nC1,Ann\nC2,Bo\n"), "{}");
        assertThat(recordEvents(jobId)).hasSize(2);

        applyAll(jobId);

        assertThat(recordEvents(jobId)).hasSize(2);
    }

    @Test
    void aDryRunAnnouncesNothingUntilItIsConfirmed() {
        UUID jobId = pendingJob("customers", utf8("customer_ref,name\nC1,Ann\nC2,Bo\n"), "{}", "DRY_RUN");
        dispatcher.dispatch(startedEvent(jobId));

        assertThat(job(jobId)).containsEntry("status", "PREVIEW_READY");
        assertThat(recordEvents(jobId)).isEmpty();
    }

    @Test
    void productsAndPurchasesAnnounceTheirOwnKinds() {
        UUID products = importFile("products", utf8("""
                sku,name,brand,category
                SKU-1,Tea,Leafy,Drinks
                SKU-2,Coffee,Beany,Drinks
                """), "{}");
        assertThat(recordEvents(products)).extracting(EventEnvelope::eventType, e -> e.payload(RecordChanged.class).externalKey())
                .containsExactly(tuple("PRODUCT_CREATED", "SKU-1"), tuple("PRODUCT_CREATED", "SKU-2"));
        UUID renamed = importFile("products", utf8("sku,name,brand,category\nSKU-1,Green Tea,Leafy,Drinks\n"), "{}");
        assertThat(recordEvents(renamed).get(0).payload(RecordChanged.class).changes())
                .containsOnly(Map.entry("name", new RecordChanged.FieldChange("Tea", "Green Tea")));

        UUID purchases = importFile("purchases", utf8("""
                transaction_ref,merchant,sku,quantity,unit_price
                T1,m1,SKU-1,2,1.50
                T1,m1,SKU-2,1,3.00
                T2,m1,SKU-2,4,3.00
                """), "{}");
        List<EventEnvelope> bought = recordEvents(purchases);
        assertThat(bought).extracting(EventEnvelope::eventType).containsExactly("PURCHASE_CREATED", "PURCHASE_CREATED");
        RecordChanged t1 = bought.get(0).payload(RecordChanged.class);
        assertThat(t1.externalKey()).isEqualTo("T1");
        assertThat(t1.rowNumber()).isEqualTo(1);
        assertThat(t1.record()).containsEntry("item_count", 2).containsEntry("total_amount", 6.0);
        assertThat((List<?>) t1.record().get("items")).hasSize(2);
    }

    @Test
    void aSummaryJobAnnouncesEachBatchOnceWithItsCountsAndIds() {
        importFile("customers", utf8("customer_ref,name\nC1,Ann\n"), "{}");

        UUID jobId = importFile("customers", utf8("customer_ref,name\nC1,Anna\nC2,Bo\nC3,Cy\n"),
                "{\"events\": \"summary\", \"batch_size\": 100}");

        assertThat(recordEvents(jobId)).isEmpty();
        List<EventEnvelope> summaries = outboxEvents(jobId, EventType.IMPORT_BATCH_APPLIED);
        assertThat(summaries).hasSize(1);
        ImportBatchApplied applied = summaries.get(0).payload(ImportBatchApplied.class);
        assertThat(List.of(applied.created(), applied.updated(), applied.unchanged())).containsExactly(2L, 1L, 0L);
        List<Long> ids = jdbc.sql("SELECT id FROM customers WHERE tenant = :t ORDER BY customer_ref").param("t", tenant)
                .query(Long.class).list();
        assertThat(applied.updatedIds()).containsExactly(ids.get(0));
        assertThat(applied.createdIds()).containsExactlyInAnyOrder(ids.get(1), ids.get(2));
    }

    @Test
    void aJobThatAsksForNoEventsAnnouncesOnlyItsOwnProgress() {
        UUID jobId = importFile("customers", utf8("customer_ref,name\nC1,Ann\nC2,Bo\n"), "{\"events\": \"none\"}");

        assertThat(recordEvents(jobId)).isEmpty();
        assertThat(outboxEvents(jobId, EventType.IMPORT_BATCH_APPLIED)).isEmpty();
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_COMPLETED)).hasSize(1);
    }
}
