package com.bulkimport.engine.outbox;

import com.bulkimport.engine.testing.EngineDatabase;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.event.RecordChanged;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-record events as the apply statements write them, read back as consumers read them. */
class RecordEventsIntegrationTest {

    private final EngineDatabase db = EngineDatabase.shared();

    private List<EventEnvelope> write(String changedRows, UUID job) {
        String sql = "WITH changed (id, created, row_number, after, before) AS (" + changedRows + "), events AS ("
                + RecordEvents.insertFrom(ImportKind.RESTAURANTS, "changed") + ") SELECT count(*) FROM events";
        long written = db.jdbc.sql(sql).param("job", job).param("batch", UUID.randomUUID()).param("tenant", "acme")
                .param("trace", "trace-9").param("source", "bulk-import.batch-worker").query(Long.class).single();
        List<EventEnvelope> events = db.jdbc.sql("SELECT payload::text FROM outbox_events WHERE payload #>> '{payload,job_id}'"
                        + " = :job ORDER BY (payload #>> '{payload,row_number}')::int")
                .param("job", job.toString()).query(String.class).list().stream().map(EventCodec::decode).toList();
        assertThat(events).hasSize((int) written);
        return events;
    }

    @Test
    void aCreatedAndAnUpdatedRecordEachGetTheirOwnEventWithTheChangedFieldsBeforeAndAfter() {
        UUID job = UUID.randomUUID();
        List<EventEnvelope> events = write("""
                VALUES (101::bigint, true, 1::bigint,
                        '{"id": 101, "tenant": "acme", "match_key": "R1", "external_id": "R1", "name": "Ann and Co",
                          "city": "Lisbon", "rating": 4.5, "updated_at": "2026-01-01"}'::jsonb, NULL::jsonb),
                       (102, false, 2,
                        '{"id": 102, "tenant": "acme", "match_key": "R2", "external_id": "R2", "name": "Bo",
                          "city": "Porto", "rating": null, "updated_at": "2026-02-02"}'::jsonb,
                        '{"id": 102, "tenant": "acme", "match_key": "R2", "external_id": "R2", "name": "Bo",
                          "city": "Braga", "rating": 3.0, "updated_at": "2026-01-01"}'::jsonb)""", job);

        assertThat(events).extracting(EventEnvelope::eventType).containsExactly("RESTAURANT_CREATED", "RESTAURANT_UPDATED");
        assertThat(events).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
        RecordChanged created = events.get(0).payload(RecordChanged.class);
        assertThat(created.type()).isEqualTo(EventType.RESTAURANT_CREATED);
        assertThat(created.recordId()).isEqualTo(101);
        assertThat(created.externalKey()).isEqualTo("R1");
        assertThat(created.rowNumber()).isEqualTo(1);
        assertThat(created.tenant()).isEqualTo("acme");
        assertThat(created.record()).containsOnly(Map.entry("external_id", "R1"), Map.entry("name", "Ann and Co"),
                Map.entry("city", "Lisbon"), Map.entry("rating", 4.5));
        assertThat(created.changes()).isNull();
        RecordChanged updated = events.get(1).payload(RecordChanged.class);
        assertThat(updated.type()).isEqualTo(EventType.RESTAURANT_UPDATED);
        assertThat(updated.changes()).containsOnly(
                Map.entry("city", new RecordChanged.FieldChange("Braga", "Porto")),
                Map.entry("rating", new RecordChanged.FieldChange(3.0, null)));
        assertThat(updated.record()).doesNotContainKey("rating");
        assertThat(events.get(1).traceId()).isEqualTo("trace-9");
        assertThat(events.get(1).source()).isEqualTo("bulk-import.batch-worker");
        assertThat(events.get(1).status()).isEqualTo("UPDATED");
        assertThat(db.jdbc.sql("SELECT aggregatetype || ':' || aggregateid FROM outbox_events WHERE id = :id")
                .param("id", events.get(1).eventId()).query(String.class).single()).isEqualTo("restaurant:102");
    }

    @Test
    void manyRowsGetManyDistinctEvents() {
        UUID job = UUID.randomUUID();
        List<EventEnvelope> events = write("SELECT g::bigint, true, g::bigint, jsonb_build_object('id', g, 'name', 'n' || g),"
                + " NULL::jsonb FROM generate_series(1, 500) g", job);

        assertThat(events).hasSize(500).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
    }
}
