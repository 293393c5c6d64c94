package com.bulkimport.worker.apply;

import com.bulkimport.model.ImportKind;
import com.bulkimport.worker.queue.RetryLater;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Products match in a cascade (DESIGN §5): sku, else barcode, else (the image-hash step comes with
 * the image pipeline) normalized name + brand, the last only against products whose identifiers do
 * not contradict the row's. Each step is one set-based statement over the batch: resolve targets,
 * update changed matches, insert the rest.
 */
class ProductApplier implements BatchApplier {

    private static final String STAGING = "staging_products";

    private final JdbcClient jdbc;
    private final Map<List<String>, String[]> sqlByFields = new ConcurrentHashMap<>();

    ProductApplier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.PRODUCTS;
    }

    @Override
    public ApplyCounts apply(BatchScope batch) {
        resolveTargets(batch);
        String[] sql = sqlByFields.computeIfAbsent(batch.mappedFields(), ProductApplier::writeSql);
        long matched = count("SELECT count(*) FROM " + STAGING + " s WHERE " + Sql.batchRows("s")
                + " AND s.target_id IS NOT NULL", batch);
        long updated = count(sql[0], batch);
        long eligible = count("SELECT count(*) FROM " + STAGING + " s WHERE " + Sql.batchRows("s"), batch);
        long created = count(sql[1], batch);
        if (matched + created != eligible) {
            // another import of this tenant inserted the same sku or barcode meanwhile: match again
            throw new RetryLater("a concurrent import created some of these products", Duration.ofSeconds(1));
        }
        return new ApplyCounts(created, updated, matched - updated);
    }

    private void resolveTargets(BatchScope batch) {
        String rows = Sql.batchRows("s");
        update("UPDATE " + STAGING + " s SET target_id = p.id FROM products p WHERE " + rows
                + " AND s.sku IS NOT NULL AND p.tenant = :tenant AND p.sku = s.sku", batch);
        update("UPDATE " + STAGING + " s SET target_id = p.id FROM products p WHERE " + rows
                + " AND s.target_id IS NULL AND s.barcode IS NOT NULL AND p.tenant = :tenant AND p.barcode = s.barcode",
                batch);
        update("UPDATE " + STAGING + " s SET target_id = (SELECT min(p.id) FROM products p WHERE p.tenant = :tenant"
                + " AND p.name_brand_key = s.name_brand_key AND (s.sku IS NULL OR p.sku IS NULL)"
                + " AND (s.barcode IS NULL OR p.barcode IS NULL))"
                + " WHERE " + rows + " AND s.target_id IS NULL", batch);
        // two rows may meet the same product by name + brand: the first claims it, the others are new
        update("UPDATE " + STAGING + " s SET target_id = NULL FROM (SELECT target_id, min(row_number) AS first FROM "
                + STAGING + " s WHERE " + rows + " AND s.target_id IS NOT NULL GROUP BY target_id HAVING count(*) > 1) d"
                + " WHERE " + rows + " AND s.target_id = d.target_id AND s.row_number > d.first", batch);
    }

    /** [0]: update changed matches, returning the count; [1]: insert the unmatched, returning the count. */
    private static String[] writeSql(List<String> mapped) {
        // without a brand column the stored brand stays, so the key keeps its brand part
        String key = mapped.contains("brand") ? "s.name_brand_key"
                : "split_part(p.name_brand_key, '#', 1) || '#' || split_part(s.name_brand_key, '#', 2)";
        String update = """
                WITH changed AS (
                    UPDATE products p SET %1$s, name_brand_key = %6$s, updated_by_job = :job, updated_at = now()
                    FROM %2$s s
                    WHERE %3$s AND s.target_id = p.id AND (%4$s, p.name_brand_key) IS DISTINCT FROM (%5$s, %6$s)
                    RETURNING 1
                )
                SELECT count(*) FROM changed""".formatted(Sql.assignments(mapped, "s."), STAGING,
                Sql.batchRows("s"), Sql.columns(mapped, "p."), Sql.columns(mapped, "s."), key);
        List<String> inserted = new ArrayList<>(mapped);
        inserted.add("name_brand_key");
        String insert = """
                WITH added AS (
                    INSERT INTO products (tenant, %1$s, created_by_job, updated_by_job)
                    SELECT :tenant, %2$s, :job, :job FROM %3$s s WHERE %4$s AND s.target_id IS NULL
                    ORDER BY s.row_number
                    ON CONFLICT DO NOTHING
                    RETURNING 1
                )
                SELECT count(*) FROM added""".formatted(Sql.columns(inserted, ""), Sql.columns(inserted, "s."), STAGING,
                Sql.batchRows("s"));
        return new String[] {update, insert};
    }

    private void update(String sql, BatchScope batch) {
        jdbc.sql(sql).param("job", batch.jobId()).param("seq", batch.seq()).param("tenant", batch.tenant()).update();
    }

    private long count(String sql, BatchScope batch) {
        return jdbc.sql(sql).param("job", batch.jobId()).param("seq", batch.seq()).param("tenant", batch.tenant())
                .query(Long.class).single();
    }
}
