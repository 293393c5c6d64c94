package com.bulkimport.worker.apply;

import com.bulkimport.model.ImportKind;
import com.bulkimport.engine.match.MatchSql;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Products match in a cascade (docs/architecture.md, "Matching and duplicates"): sku, else barcode, else (the image-hash step comes with
 * the image pipeline) normalized name + brand. Name + brand is the last resort: a row without sku
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
    private final Map<List<String>, String> sqlByFields = new ConcurrentHashMap<>();

    ProductApplier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.PRODUCTS;
    }

    @Override
    public ApplyCounts apply(BatchScope batch) {
        String sql = sqlByFields.computeIfAbsent(batch.mappedFields(), ProductApplier::applySql);
        return jdbc.sql(sql).param("job", batch.jobId()).param("seq", batch.seq()).param("tenant", batch.tenant())
                .query((rs, n) -> {
                    long matched = rs.getLong("matched");
                    long updated = rs.getLong("updated");
                    return new ApplyCounts(rs.getLong("created"), updated, matched - updated, 0, rs.getLong("collided"));
                })
                .single();
    }

    private static String applySql(List<String> mapped) {
        String key = MatchSql.productKey(mapped, "p", "c");
        List<String> inserted = new ArrayList<>(mapped);
        inserted.add("name_brand_key");
        return """
                WITH src AS MATERIALIZED (
                    SELECT s.row_number, %1$s, s.name_brand_key, %10$s AS target
                    FROM %2$s s WHERE %3$s
                ), claimed AS MATERIALIZED (
                    SELECT src.*, CASE WHEN target IS NULL THEN 1
                                       ELSE row_number() OVER (PARTITION BY target ORDER BY row_number) END AS nth,
                           min(row_number) OVER (PARTITION BY target) AS first
                    FROM src
                ), changed AS (
                    UPDATE products p SET %4$s, name_brand_key = %5$s, updated_by_job = :job, updated_at = now()
                    FROM claimed c
                    WHERE c.target = p.id AND c.nth = 1 AND (%6$s, p.name_brand_key) IS DISTINCT FROM (%7$s, %5$s)
                    RETURNING 1
                ), added AS (
                    INSERT INTO products (tenant, %8$s, created_by_job, updated_by_job)
                    SELECT :tenant, %9$s, :job, :job FROM claimed c WHERE c.target IS NULL
                    RETURNING 1
                ), collisions AS (
                    INSERT INTO import_row_errors (job_id, row_number, column_name, code, message)
                    SELECT :job, c.row_number, NULL, 'DUPLICATE_IN_FILE',
                           'same product as row ' || c.first || '; the first occurrence is imported'
                    FROM claimed c WHERE c.nth > 1
                    RETURNING 1
                )
                SELECT (SELECT count(*) FROM claimed WHERE target IS NOT NULL AND nth = 1) AS matched,
                       (SELECT count(*) FROM changed) AS updated,
                       (SELECT count(*) FROM added) AS created,
                       (SELECT count(*) FROM collisions) AS collided""".formatted(
                Sql.columns(mapped, "s."), STAGING, Sql.batchRows("s"), Sql.assignments(mapped, "c."), key,
                Sql.columns(mapped, "p."), Sql.columns(mapped, "c."), Sql.columns(inserted, ""),
                Sql.columns(inserted, "c."), MatchSql.PRODUCT_TARGET);
    }
}
