package com.bulkimport.worker.apply;

import com.bulkimport.engine.match.MatchSql;
import com.bulkimport.engine.outbox.RecordEvents;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.model.EventDetail;
import com.bulkimport.model.ImportKind;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Store inventory (docs/architecture.md, "Matching and duplicates"): one record per tenant, store and product.
 * The whole batch is one statement: each row finds its product (by sku, else barcode: {@link MatchSql}); a row
 * naming no known product is refused ({@code UNKNOWN_PRODUCT}, on its sku or barcode column); two rows of the
 * batch reaching one store and product (one by sku, one by barcode: the in-file marking by key cannot see it) keep
 * the first, the others are duplicates, as for products; the rest go into a keyed upsert on
 * {@code (tenant, store_ref, product_id)} whose update happens only when the row is not older than the stored
 * count ({@code EXCLUDED.stock_updated_at >= inventory.stock_updated_at}) and changes something: an older row is
 * counted as unchanged, never as an error. Only the fields the file provides are written to existing records; the
 * time always is. Rows go in key order, so concurrent batches lock records in the same order.
 */
final class InventoryApplier implements BatchApplier {

    private final JdbcClient jdbc;
    private final String eventSource;
    private final boolean history;
    private final Map<Shape, String> sqlByShape = new ConcurrentHashMap<>();

    /** What an apply statement depends on: the fields the file provides and how the job announces changes. */
    private record Shape(List<String> fields, EventDetail events) {
    }

    InventoryApplier(JdbcClient jdbc, String eventSource, boolean history) {
        this.jdbc = jdbc;
        this.eventSource = eventSource;
        this.history = history;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.INVENTORY;
    }

    @Override
    public ApplyCounts apply(BatchScope batch) {
        String sql = sqlByShape.computeIfAbsent(new Shape(batch.mappedFields(), batch.events()), this::applySql);
        return batch.bind(jdbc.sql(sql), eventSource)
                .query((rs, n) -> {
                    long eligible = rs.getLong("eligible");
                    long created = rs.getLong("created");
                    long updated = rs.getLong("updated");
                    ApplyCounts counts = new ApplyCounts(created, updated, eligible - created - updated,
                            rs.getLong("unknown"), rs.getLong("collided"));
                    return batch.events() == EventDetail.SUMMARY
                            ? counts.withIds(Sql.ids(rs, "created_ids"), Sql.ids(rs, "updated_ids")) : counts;
                })
                .single();
    }

    private String applySql(Shape shape) {
        List<String> values = MatchSql.inventoryValues(shape.fields());
        List<String> assigned = new ArrayList<>(values);
        assigned.add("stock_updated_at");
        String assignments = String.join(", ", assigned.stream().map(c -> c + " = EXCLUDED." + c).toList());
        boolean perRecord = RecordEvents.perRecord(shape.events());
        // the file row and the record before the change, looked up rather than joined (Sql.lookup)
        String events = !perRecord ? "" : """
                , changed AS (
                    SELECT up.id, up.inserted AS created,
                           (%s ->> jsonb_build_array(up.store_ref, up.product_id)::text)::bigint AS row_number,
                           up.after, %s -> up.id::text AS before
                    FROM up
                ), events AS (%s)""".formatted(
                Sql.lookup("claimed c WHERE c.nth = 1", "jsonb_build_array(c.store_ref, c.product_id)::text",
                        "c.row_number"),
                Sql.lookup("claimed c CROSS JOIN LATERAL " + Sql.probe("inventory t", "t",
                        "t.tenant = :tenant AND t.store_ref = c.store_ref AND t.product_id = c.product_id") + " WHERE c.nth = 1", "b.id::text", "b.j"),
                RecordEvents.insertFrom(ImportKind.INVENTORY, "changed"));
        if (history) {
            events += History.capture("inventory", "SELECT id, inserted AS created FROM up");
        }
        String ids = shape.events() != EventDetail.SUMMARY ? ""
                : ", (SELECT array_agg(id) FROM up WHERE inserted) AS created_ids,"
                + " (SELECT array_agg(id) FROM up WHERE NOT inserted) AS updated_ids";
        return """
                WITH src AS MATERIALIZED (
                    SELECT s.row_number, s.store_ref, s.sku, s.barcode, s.quantity, s.price, s.currency, s.updated_at,
                           %1$s AS product_id, %2$s AS raw
                    FROM staging_inventory s WHERE %3$s
                ), unknown AS (
                    INSERT INTO import_row_errors (job_id, row_number, column_name, code, message, raw_record)
                    SELECT :job, row_number, CASE WHEN sku IS NOT NULL THEN 'sku' ELSE 'barcode' END, 'UNKNOWN_PRODUCT',
                           'no product with ' || concat_ws(' or ', 'sku ''' || sku || '''', 'barcode ''' || barcode || '''')
                               || ' exists; import it first', raw
                    FROM src WHERE product_id IS NULL
                    RETURNING 1
                ), claimed AS MATERIALIZED (
                    SELECT src.*, row_number() OVER (PARTITION BY store_ref, product_id ORDER BY row_number) AS nth,
                           min(row_number) OVER (PARTITION BY store_ref, product_id) AS first
                    FROM src WHERE product_id IS NOT NULL
                ), collisions AS (
                    INSERT INTO import_row_errors (job_id, row_number, column_name, code, message, raw_record)
                    SELECT :job, row_number, NULL, 'DUPLICATE_IN_FILE',
                           'same store and product as row ' || first || '; the first occurrence is imported', raw
                    FROM claimed WHERE nth > 1
                    RETURNING 1
                ), up AS (
                    INSERT INTO inventory AS t (tenant, store_ref, product_id, quantity, price, currency, stock_updated_at,
                                                created_by_job, updated_by_job)
                    SELECT :tenant, store_ref, product_id, quantity, price, currency, updated_at, :job, :job
                    FROM claimed WHERE nth = 1 ORDER BY store_ref, product_id
                    ON CONFLICT (tenant, store_ref, product_id) DO UPDATE SET %4$s,
                        updated_by_job = EXCLUDED.updated_by_job, updated_at = now()
                    WHERE %5$s
                    RETURNING t.id, t.store_ref, t.product_id, (xmax = 0) AS inserted%6$s
                )%7$s
                SELECT (SELECT count(*) FROM claimed WHERE nth = 1) AS eligible,
                       (SELECT count(*) FROM up WHERE inserted) AS created,
                       (SELECT count(*) FROM up WHERE NOT inserted) AS updated,
                       (SELECT count(*) FROM unknown) AS unknown,
                       (SELECT count(*) FROM collisions) AS collided%8$s""".formatted(
                MatchSql.PRODUCT_OF_INVENTORY_ROW, StagingTable.RAW_VALUES, Sql.batchRows("s"), assignments,
                MatchSql.inventoryChanges(shape.fields(), "t", "EXCLUDED", "EXCLUDED.stock_updated_at"), perRecord ? ", to_jsonb(t) AS after" : "",
                events, ids);
    }
}
