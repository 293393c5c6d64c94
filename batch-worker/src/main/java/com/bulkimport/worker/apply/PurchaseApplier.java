package com.bulkimport.worker.apply;

import com.bulkimport.engine.match.MatchSql;
import com.bulkimport.engine.outbox.RecordEvents;
import com.bulkimport.model.EventDetail;
import com.bulkimport.model.ImportKind;
import com.bulkimport.worker.queue.RetryLater;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Purchases arrive as lines; the lines of one (merchant, transaction_ref) are one purchase and always
 * share a batch. A transaction the database already has is a duplicate, never a second copy: its
 * lines are counted as duplicates and named once in the row messages. New transactions become a
 * purchase (header from its first line, item count, total) plus its items, in two statements.
 */
class PurchaseApplier implements BatchApplier {

    private static final String STAGING = "staging_purchases";

    private final JdbcClient jdbc;
    private final String eventSource;
    private final boolean history;
    private final Map<EventDetail, String> sqlByEvents = new ConcurrentHashMap<>();

    PurchaseApplier(JdbcClient jdbc, String eventSource, boolean history) {
        this.history = history;
        this.jdbc = jdbc;
        this.eventSource = eventSource;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.PURCHASES;
    }

    @Override
    public ApplyCounts apply(BatchScope batch) {
        long eligible = count("SELECT count(DISTINCT match_key) FROM " + STAGING + " s WHERE " + Sql.batchRows("s"), batch);
        long duplicates = skipKnownTransactions(batch);
        Written written = batch.bind(jdbc.sql(statement(batch)), eventSource)
                .query((rs, n) -> new Written(rs.getLong(1), rs.getLong(2),
                        batch.events() == EventDetail.SUMMARY ? Sql.ids(rs, "created_ids") : List.of()))
                .single();
        long created = written.purchases();
        long lines = written.lines();
        if (created + duplicates != eligible) {
            // another import inserted one of these transactions meanwhile: classify again
            throw new RetryLater("a concurrent import created some of these purchases", Duration.ofSeconds(1));
        }
        return new ApplyCounts(created, 0, 0, 0, duplicates, lines, written.createdIds(), List.of());
    }

    private record Written(long purchases, long lines, List<Long> createdIds) {
    }

    /** The statement that writes a batch's purchases and lines (package-private for the plan tests). */
    String statement(BatchScope batch) {
        return sqlByEvents.computeIfAbsent(batch.events(), this::applySql);
    }

    /**
     * The purchases and their lines, in one statement; for a job that announces each record, each new
     * purchase's PURCHASE_CREATED with its lines, named by its transaction's first row.
     */
    private String applySql(EventDetail detail) {
        boolean perRecord = RecordEvents.perRecord(detail);
        String events = !perRecord ? "" : """
                , lines AS (
                    SELECT s.match_key, jsonb_agg(jsonb_build_object('sku', s.sku, 'description', s.description,
                               'quantity', s.quantity, 'unit_price', s.unit_price, 'amount', s.quantity * s.unit_price)
                               ORDER BY s.row_number) AS items
                    FROM %1$s s WHERE %2$s GROUP BY s.match_key
                ), record_rows AS (
                    -- each purchase's first row and its lines, looked up rather than joined (Sql.lookup)
                    SELECT r.id, true AS created, (r.head ->> 0)::bigint AS row_number,
                           r.after || jsonb_build_object('items', %3$s -> (r.head ->> 1)) AS after, NULL::jsonb AS before
                    FROM (SELECT i.id, i.after, %4$s -> jsonb_build_array(i.merchant, i.transaction_ref)::text AS head
                          FROM inserted i) r
                ), events AS (%5$s)""".formatted(STAGING, Sql.batchRows("s"),
                Sql.lookup("lines l", "l.match_key", "l.items"),
                Sql.lookup("head h", "jsonb_build_array(h.merchant, h.transaction_ref)::text",
                        "jsonb_build_array(h.row_number, h.match_key)"),
                RecordEvents.insertFrom(ImportKind.PURCHASES, "record_rows"));
        if (history) {
            // a purchase is only ever created: a transaction imported again is a duplicate, never an update
            events += History.capture("purchases", "SELECT id, true AS created FROM inserted");
        }
        return """
                WITH head AS (
                    SELECT DISTINCT ON (s.match_key) s.match_key, s.row_number, coalesce(s.merchant, '') AS merchant,
                           s.transaction_ref, s.customer_ref, s.purchased_at, s.currency, s.country
                    FROM %1$s s WHERE %2$s ORDER BY s.match_key, s.row_number
                ), totals AS (
                    SELECT s.match_key, count(*) AS items, sum(s.quantity * s.unit_price) AS total,
                           bool_and(s.quantity < 0) OR bool_or(s.transaction_ref LIKE 'C%%') AS refund
                    FROM %1$s s WHERE %2$s GROUP BY s.match_key
                ), inserted AS (
                    INSERT INTO purchases (tenant, merchant, transaction_ref, customer_ref, customer_id, purchased_at,
                                           currency, country, item_count, total_amount, is_refund, created_by_job)
                    SELECT :tenant, h.merchant, h.transaction_ref, h.customer_ref,
                           (SELECT c.id FROM customers c WHERE c.tenant = %7$s AND c.match_key = h.customer_ref),
                           h.purchased_at, h.currency, h.country, t.items, t.total, t.refund, :job
                    FROM head h JOIN totals t USING (match_key)
                    ORDER BY h.merchant, h.transaction_ref
                    ON CONFLICT (tenant, merchant, transaction_ref) DO NOTHING
                    RETURNING id, merchant, transaction_ref%3$s
                ), items AS (
                    INSERT INTO purchase_items (purchase_id, line_no, sku, product_id, description, quantity, unit_price,
                                                amount)
                    SELECT s.purchase_id, row_number() OVER (PARTITION BY s.purchase_id ORDER BY s.row_number), s.sku,
                           (SELECT p.id FROM products p WHERE %8$s AND p.sku = s.sku),
                           s.description, s.quantity, s.unit_price, s.quantity * s.unit_price
                    -- each line's purchase looked up rather than joined (Sql.lookup); a line of a transaction not
                    -- inserted finds none
                    FROM (SELECT s.*, (%6$s ->> jsonb_build_array(coalesce(s.merchant, ''), s.transaction_ref)::text)::bigint
                                      AS purchase_id
                          FROM %1$s s WHERE %2$s) s
                    WHERE s.purchase_id IS NOT NULL
                    RETURNING purchase_id
                )%4$s
                SELECT count(DISTINCT purchase_id), count(*)%5$s FROM items""".formatted(STAGING, Sql.batchRows("s"),
                perRecord ? ", to_jsonb(purchases) AS after" : "", events,
                detail == EventDetail.SUMMARY ? ", (SELECT array_agg(id) FROM inserted) AS created_ids" : "",
                Sql.lookup("inserted i", "jsonb_build_array(i.merchant, i.transaction_ref)::text", "i.id"),
                MatchSql.LOOKUP_TENANT, MatchSql.PRODUCT_TENANT);
    }

    /** Takes lines of already imported transactions out of the batch. @return how many lines */
    private long skipKnownTransactions(BatchScope batch) {
        return count("""
                WITH known AS (
                    DELETE FROM %1$s s USING purchases p
                    WHERE %2$s AND p.tenant = %3$s AND p.merchant = coalesce(s.merchant, '')
                      AND p.transaction_ref = s.transaction_ref
                    RETURNING s.row_number, s.match_key, s.transaction_ref, p.created_by_job
                ), noted AS (
                    INSERT INTO import_row_errors (job_id, row_number, column_name, code, message)
                    SELECT :job, min(row_number), 'transaction_ref', 'DUPLICATE_TRANSACTION',
                           'transaction ' || min(transaction_ref) || ' was imported before (job '
                           || coalesce(min(created_by_job::text), 'unknown') || '); its ' || count(*)
                           || ' line(s) are skipped'
                    FROM known GROUP BY match_key
                )
                SELECT count(DISTINCT match_key) FROM known""".formatted(STAGING, Sql.batchRows("s"), MatchSql.LOOKUP_TENANT),
                batch);
    }

    private long count(String sql, BatchScope batch) {
        return jdbc.sql(sql).param("job", batch.jobId()).param("seq", batch.seq()).param("tenant", batch.tenant())
                .query(Long.class).single();
    }
}
