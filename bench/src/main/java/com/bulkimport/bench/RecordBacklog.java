package com.bulkimport.bench;

import com.bulkimport.engine.outbox.RecordEvents;
import com.bulkimport.model.ImportKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The outbox backlog a large product import leaves: one PRODUCT_CREATED (or, for every fifth record,
 * PRODUCT_UPDATED with its changed fields) per record, written by the worker's own statement
 * ({@link RecordEvents#insertFrom}) over generated records shaped like {@code to_jsonb} of a products row,
 * one transaction per batch of {@link #BATCH} rows as the apply commits them. Aggregate ({@code product},
 * record id): every event an aggregate of its own, as in a real import of new records.
 */
final class RecordBacklog {

    static final int BATCH = 1000;
    static final String JOB = "7b0a0b0e-1111-4222-8333-944444444444";

    /** The CTE RecordEvents reads: the records after (and, for an update, before) the change. */
    private static final String CHANGED = """
            WITH changed AS (
                SELECT g AS id, (g %% 5 <> 0) AS created, g - :first + 1 AS row_number, r.after,
                       CASE WHEN g %% 5 = 0
                            THEN r.after || jsonb_build_object('price', 1.99, 'description', 'last year''s description')
                       END AS before
                FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) g
                CROSS JOIN LATERAL (SELECT jsonb_build_object('id', g, 'tenant', :tenant,
                    'sku', 'SKU-' || lpad(g::text, 9, '0'), 'barcode', (4000000000000 + g)::text,
                    'name', 'Organic oat drink ' || g, 'brand', 'Brand ' || (g %% 500), 'category', 'Beverages/Plant milk',
                    'name_brand_key', 'organic oat drink ' || g || '|brand ' || (g %% 500),
                    'description', 'Oat drink, unsweetened, with calcium and vitamins; shake before use.',
                    'size', '1 l', 'unit', 'l', 'weight', 1.05, 'pack_size', 6, 'manufacturer', 'Maker ' || (g %% 200),
                    'country_of_origin', 'SE', 'price', 2.49, 'image_url_1', NULL, 'nutrition', NULL,
                    'created_by_job', CAST(:job AS uuid), 'updated_by_job', CAST(:job AS uuid),
                    'created_at', now(), 'updated_at', now()) AS after) r
            ), events AS (%s)
            SELECT count(*) FROM events""";

    private RecordBacklog() {
    }

    /** Writes {@code events} record events; @return how many the statements wrote */
    static long write(Connection db, long events) throws Exception {
        String sql = CHANGED.formatted(RecordEvents.insertFrom(ImportKind.PRODUCTS, "changed"));
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(db, true));
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(true); // one transaction per batch, as the apply commits
        long written = 0;
        try {
            for (long first = 1; first <= events; first += BATCH) {
                UUID batch = UUID.randomUUID();
                written += jdbc.sql(sql).param("first", first).param("last", Math.min(events, first + BATCH - 1))
                        .param("job", JOB).param("batch", batch.toString()).param("tenant", "acme")
                        .param("trace", "bench-drain-" + batch).param("source", "bulk-import.batch-worker")
                        .query(Long.class).single();
            }
        } finally {
            db.setAutoCommit(autoCommit);
        }
        return written;
    }

    /** One outbox row as a transport gets it. */
    record Row(UUID id, String aggregateType, String aggregateId, String type, String payload, String traceId) {
    }

    /** The first {@code limit} rows in creation order, payloads as the relay reads them. */
    static List<Row> read(Connection db, int limit) throws Exception {
        List<Row> rows = new ArrayList<>(limit);
        try (PreparedStatement query = db.prepareStatement("SELECT id, aggregatetype, aggregateid, type,"
                + " payload::text, trace_id FROM outbox_events ORDER BY seq LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return rows;
    }
}
