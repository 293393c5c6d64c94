package com.bulkimport.worker.apply;

import com.bulkimport.engine.outbox.RecordEvents;
import com.bulkimport.model.EventDetail;
import com.bulkimport.model.ImportKind;
import com.bulkimport.engine.match.MatchSql;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Products match in a cascade (docs/architecture.md, "Matching and duplicates"): sku, else barcode, else the
 * image hash (near duplicates too), else normalized name + brand. Name + brand is the last resort: a row without sku
 * and barcode matches any product by it; a row with identifiers only matches products that have
 * none. The whole batch is one statement: each row finds its target with lazily evaluated index
 * lookups, changed matches are updated, the rest inserted, without rewriting staging rows.
 * When two rows of the batch reach the same product, the first wins and the others count as
 * duplicates. The insert is a plain one (speculative insertion costs several times more): should
 * another import of the tenant insert the same sku or barcode meanwhile, the unique index refuses
 * it and the batch is applied again, finding those rows.
 */
class ProductApplier implements BatchApplier {

    private static final String STAGING = "staging_products";

    private final JdbcClient jdbc;
    private final String eventSource;
    private final boolean history;
    private final Map<Shape, String> sqlByShape = new ConcurrentHashMap<>();

    /** What an apply statement depends on: the fields the file provides and how the job announces changes. */
    private record Shape(List<String> fields, EventDetail events) {
    }

    ProductApplier(JdbcClient jdbc, String eventSource, boolean history) {
        this.history = history;
        this.jdbc = jdbc;
        this.eventSource = eventSource;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.PRODUCTS;
    }

    /** The apply statement for a batch's shape (package-private for the plan tests). */
    String statement(BatchScope batch) {
        return sqlByShape.computeIfAbsent(new Shape(batch.mappedFields(), batch.events()), this::applySql);
    }

    @Override
    public ApplyCounts apply(BatchScope batch) {
        return batch.bind(jdbc.sql(statement(batch)), eventSource)
                .query((rs, n) -> {
                    long matched = rs.getLong("matched");
                    long updated = rs.getLong("updated");
                    ApplyCounts counts = new ApplyCounts(rs.getLong("created"), updated, matched - updated, 0,
                            rs.getLong("collided"));
                    return batch.events() == EventDetail.SUMMARY
                            ? counts.withIds(Sql.ids(rs, "created_ids"), Sql.ids(rs, "updated_ids")) : counts;
                })
                .single();
    }

    /**
     * For a job that announces each record, the new rows take their ids from the sequence before they are
     * inserted, so that each one's event can name the file row it came from.
     */
    private String applySql(Shape shape) {
        List<String> mapped = shape.fields();
        boolean perRecord = RecordEvents.perRecord(shape.events());
        String key = MatchSql.productKey(mapped, "p", "c");
        List<String> inserted = new ArrayList<>(mapped);
        inserted.add("name_brand_key");
        // a file with image columns writes what its images became; a row none of whose images could be stored
        // keeps the product's images (a download that failed today says nothing about the stored one)
        boolean images = MatchSql.hasImages(mapped);
        String imageSet = "";
        String imageStored = "";
        String imageStaged = "";
        if (images) {
            inserted.add("image_hash");
            inserted.add("images");
            imageSet = ", image_hash = coalesce(c.image_hash, p.image_hash), images = coalesce(c.images, p.images)";
            imageStored = ", p.image_hash, p.images";
            imageStaged = ", coalesce(c.image_hash, p.image_hash), coalesce(c.images, p.images)";
        }
        // the record before the change and the new row's file row, looked up rather than joined (Sql.lookup)
        String events = !perRecord ? "" : """
                , record_rows AS (
                    SELECT ch.id, false AS created, ch.row_number, ch.after, %s -> ch.id::text AS before
                    FROM changed ch
                    UNION ALL
                    SELECT a.id, true, (%s ->> a.id::text)::bigint, a.after, NULL FROM added a
                ), events AS (%s)""".formatted(
                Sql.lookup("claimed c CROSS JOIN LATERAL " + Sql.probe("products p", "p", "p.id = c.target")
                        + " WHERE c.nth = 1", "b.id::text", "b.j"),
                Sql.lookup("claimed c WHERE c.new_id IS NOT NULL", "c.new_id::text", "c.row_number"),
                RecordEvents.insertFrom(ImportKind.PRODUCTS, "record_rows"));
        if (history) {
            events += History.capture("products", "SELECT id, false AS created FROM changed UNION ALL SELECT id, true FROM added");
        }
        String ids = shape.events() != EventDetail.SUMMARY ? ""
                : ", (SELECT array_agg(id) FROM added) AS created_ids, (SELECT array_agg(id) FROM changed) AS updated_ids";
        return """
                WITH src AS MATERIALIZED (
                    SELECT s.row_number, %1$s, s.name_brand_key, s.image_hash, s.images, %10$s AS target
                    FROM %2$s s WHERE %3$s
                ), claimed AS MATERIALIZED (
                    SELECT src.*, CASE WHEN target IS NULL THEN 1
                                       ELSE row_number() OVER (PARTITION BY target ORDER BY row_number) END AS nth,
                           min(row_number) OVER (PARTITION BY target) AS first%11$s
                    FROM src
                ), changed AS (
                    UPDATE products p SET %4$s, name_brand_key = %5$s%18$s, updated_by_job = :job, updated_at = now()
                    FROM claimed c
                    WHERE c.target = p.id AND c.nth = 1
                      AND (%6$s, p.name_brand_key%19$s) IS DISTINCT FROM (%7$s, %5$s%20$s)
                    RETURNING p.id, c.row_number%12$s
                ), added AS (
                    INSERT INTO products (%13$stenant, %8$s, created_by_job, updated_by_job)
                    SELECT %14$s:tenant, %9$s, :job, :job FROM claimed c WHERE c.target IS NULL
                    RETURNING id%15$s
                ), collisions AS (
                    INSERT INTO import_row_errors (job_id, row_number, column_name, code, message)
                    SELECT :job, c.row_number, NULL, 'DUPLICATE_IN_FILE',
                           'same product as row ' || c.first || '; the first occurrence is imported'
                    FROM claimed c WHERE c.nth > 1
                    RETURNING 1
                )%16$s
                SELECT (SELECT count(*) FROM claimed WHERE target IS NOT NULL AND nth = 1) AS matched,
                       (SELECT count(*) FROM changed) AS updated,
                       (SELECT count(*) FROM added) AS created,
                       (SELECT count(*) FROM collisions) AS collided%17$s""".formatted(
                Sql.columns(mapped, "s."), STAGING, Sql.batchRows("s"), Sql.assignments(mapped, "c."), key,
                Sql.columns(mapped, "p."), Sql.columns(mapped, "c."), Sql.columns(inserted, ""),
                Sql.columns(inserted, "c."), MatchSql.PRODUCT_TARGET,
                perRecord ? ", CASE WHEN target IS NULL THEN nextval(pg_get_serial_sequence('products', 'id')) END AS new_id"
                        : "",
                perRecord ? ", to_jsonb(p) AS after" : "",
                perRecord ? "id, " : "", perRecord ? "c.new_id, " : "",
                perRecord ? ", to_jsonb(products) AS after" : "",
                events, ids, imageSet, imageStored, imageStaged);
    }
}
