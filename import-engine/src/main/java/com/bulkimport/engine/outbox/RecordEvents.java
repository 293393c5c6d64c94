package com.bulkimport.engine.outbox;

import com.bulkimport.model.EventDetail;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.event.EventEnvelope;

/**
 * The per-record events of a batch ({@code <RECORD>_CREATED}, {@code <RECORD>_UPDATED}), written
 * set-based by the apply statement itself: an {@code INSERT INTO outbox_events … SELECT} over the rows
 * its {@code RETURNING} gave, in the same transaction, never a row at a time. Only rows the statement
 * created or changed are there, so unchanged rows, duplicates and refused rows announce nothing, and
 * a redelivered batch (its inbox row committed with these) announces nothing twice.
 *
 * <p>The rows come from a CTE with the columns {@code id} (the record), {@code created} (boolean),
 * {@code row_number} (the file's row), {@code after} ({@code to_jsonb} of the record after the change)
 * and {@code before} (before it, null for a creation). The statement binds {@code :job}, {@code :batch},
 * {@code :tenant}, {@code :trace} and {@code :source}. The envelope is built as {@link EventEnvelope}
 * writes it, its payload as {@code RecordChanged} reads it (docs/architecture.md, "Events").
 */
public final class RecordEvents {

    /** Bookkeeping columns of the domain tables: not part of a record as its events show it. */
    private static final String BOOKKEEPING = "'id', 'tenant', 'match_key', 'created_by_job', 'updated_by_job',"
            + " 'created_at', 'updated_at', 'name_brand_key'";

    /**
     * Columns derived from other records (a restaurant's {@code review_count} and {@code average_rating}, kept
     * by the reviews applier): shown in the record, never a change of it. An import never writes them, and
     * another transaction recomputing them between the statement's snapshot ({@code before}) and its row
     * lock ({@code after}) must not pass for a change this import made.
     */
    private static final String DERIVED = "'review_count', 'average_rating'";

    private RecordEvents() {
    }

    /** Whether a job with this detail announces each record (and so its apply statement carries the events). */
    public static boolean perRecord(EventDetail detail) {
        return detail == EventDetail.RECORDS;
    }

    /**
     * @param changed the CTE of changed rows (see the class comment)
     * @return a data-modifying statement for a {@code WITH} clause, returning one row per event
     */
    public static String insertFrom(ImportKind kind, String changed) {
        String record = kind.recordName();
        String upper = record.toUpperCase(java.util.Locale.ROOT);
        return """
                INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, trace_id, created_at)
                SELECT c.event_id, '%1$s', c.id::text, c.type,
                       jsonb_build_object('event_id', c.event_id,
                           'timestamp', to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                           'event_type', c.type, 'source', CAST(:source AS text), 'version', '%2$s',
                           'trace_id', CAST(:trace AS text), 'status', CASE WHEN c.created THEN 'CREATED' ELSE 'UPDATED' END,
                           'payload', jsonb_strip_nulls(jsonb_build_object('job_id', CAST(:job AS uuid),
                               'batch_id', CAST(:batch AS uuid), 'row_number', c.row_number,
                               'tenant', CAST(:tenant AS text), 'kind', '%3$s', 'record_id', c.id,
                               'external_key', %4$s, 'record', c.after - ARRAY[%5$s]))
                           || CASE WHEN c.created THEN '{}'::jsonb ELSE jsonb_build_object('changes', (
                                  SELECT coalesce(jsonb_object_agg(n.key, jsonb_build_object('before', o.value,
                                      'after', n.value)), '{}'::jsonb)
                                  FROM jsonb_each(c.after) n JOIN jsonb_each(c.before) o USING (key)
                                  WHERE n.key NOT IN (%5$s, %8$s) AND o.value IS DISTINCT FROM n.value)) END),
                       CAST(:trace AS text), c.at
                -- volatile functions in a subquery's select list: evaluated once per row, never pulled up or shared
                FROM (SELECT r.*, gen_random_uuid() AS event_id, clock_timestamp() AS at,
                             CASE WHEN r.created THEN '%7$s_CREATED' ELSE '%7$s_UPDATED' END AS type
                      FROM %6$s r) c
                RETURNING 1""".formatted(record, EventEnvelope.CURRENT_VERSION, kind.wireName(), externalKey(kind),
                BOOKKEEPING, changed, upper, DERIVED);
    }

    /**
     * The {@code <RECORD>_DELETED} events of the records a revert deleted, with each record as it was.
     *
     * @param deleted a CTE with the columns {@code id}, {@code row_number} (the revert's item) and {@code before}
     * @return a data-modifying statement for a {@code WITH} clause, returning one row per event
     */
    public static String insertDeletedFrom(ImportKind kind, String deleted) {
        return """
                INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, trace_id, created_at)
                SELECT c.event_id, '%1$s', c.id::text, '%5$s_DELETED',
                       jsonb_build_object('event_id', c.event_id,
                           'timestamp', to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                           'event_type', '%5$s_DELETED', 'source', CAST(:source AS text), 'version', '%2$s',
                           'trace_id', CAST(:trace AS text), 'status', 'DELETED',
                           'payload', jsonb_strip_nulls(jsonb_build_object('job_id', CAST(:job AS uuid),
                               'batch_id', CAST(:batch AS uuid), 'row_number', c.row_number,
                               'tenant', CAST(:tenant AS text), 'kind', '%3$s', 'record_id', c.id,
                               'external_key', %4$s, 'record', c.after - ARRAY[%6$s], 'deleted', true))),
                       CAST(:trace AS text), c.at
                FROM (SELECT r.id, r.row_number, r.before AS after, gen_random_uuid() AS event_id,
                             clock_timestamp() AS at
                      FROM %7$s r) c
                RETURNING 1""".formatted(kind.recordName(), EventEnvelope.CURRENT_VERSION, kind.wireName(),
                externalKey(kind), kind.recordName().toUpperCase(java.util.Locale.ROOT), BOOKKEEPING, deleted);
    }

    /** The kind's own identifier of a record, from its {@code after} JSON. */
    private static String externalKey(ImportKind kind) {
        return switch (kind) {
            case RESTAURANTS -> "c.after->>'external_id'";
            case DISHES -> "c.after->>'name'";
            case PRODUCTS -> "coalesce(c.after->>'sku', c.after->>'barcode')";
            case CUSTOMERS -> "c.after->>'customer_ref'";
            case PURCHASES -> "c.after->>'transaction_ref'";
            case REVIEWS -> "c.after->>'review_ref'";
            // store and product: a stock record has no identifier of its own
            case INVENTORY -> "(c.after->>'store_ref') || '/' || (c.after->>'product_id')";
        };
    }
}
