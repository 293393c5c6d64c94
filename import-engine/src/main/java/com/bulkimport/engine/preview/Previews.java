package com.bulkimport.engine.preview;

import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.model.ImportKind;
import com.bulkimport.engine.match.MatchSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A dry run's answer: what applying would do, row by row, against the database as it is now, with
 * the same matching the appliers use ({@link MatchSql}), so that confirming gives the counts the
 * preview promised. Nothing is written but the preview itself ({@code import_jobs.preview}).
 */
public final class Previews {

    static final int SAMPLES = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> OUTCOMES = List.of("created", "updated", "unchanged", "duplicates", "errors");

    private final JdbcClient jdbc;

    public Previews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(JobRef job, List<String> mapped) {
        String classified = classification(job.kind(), mapped, false);
        boolean purchases = job.kind() == ImportKind.PURCHASES;
        ObjectNode preview = JSON.createObjectNode();
        Map<String, Long> counted = new java.util.HashMap<>();
        jdbc.sql("WITH c AS (" + classified + ") SELECT outcome, "
                        + (purchases ? "count(DISTINCT match_key)" : "count(*)") + " FROM c GROUP BY outcome")
                .param("job", job.id()).param("tenant", job.tenant())
                .query(rs -> {
                    counted.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, Object> already = jdbc.sql("SELECT duplicate_count, error_count, skipped_count FROM import_jobs WHERE id = :id")
                .param("id", job.id()).query().singleRow();
        preview.put("created", counted.getOrDefault("created", 0L));
        preview.put("updated", counted.getOrDefault("updated", 0L));
        preview.put("unchanged", counted.getOrDefault("unchanged", 0L));
        preview.put("duplicates", counted.getOrDefault("duplicates", 0L) + ((Number) already.get("duplicate_count")).longValue());
        preview.put("errors", counted.getOrDefault("errors", 0L) + ((Number) already.get("error_count")).longValue());
        long skipped = ((Number) already.get("skipped_count")).longValue();
        if (skipped > 0) {
            // rows left out at review (engine/review): neither errors nor imported
            preview.put("skipped", skipped);
        }
        ObjectNode samples = preview.putObject("samples");
        OUTCOMES.forEach(samples::putArray);
        jdbc.sql("WITH c AS (" + classification(job.kind(), mapped, true) + ") SELECT outcome, row_number, raw::text,"
                        + " before::text FROM ("
                        + " SELECT c.*, row_number() OVER (PARTITION BY outcome ORDER BY row_number) AS nth FROM c) x"
                        + " WHERE nth <= " + SAMPLES + " ORDER BY outcome, row_number")
                .param("job", job.id()).param("tenant", job.tenant())
                .query(rs -> {
                    ObjectNode entry = sample((ArrayNode) samples.get(rs.getString(1)), rs.getLong(2), rs.getString(3), null);
                    if ("updated".equals(rs.getString(1)) && rs.getString(4) != null) {
                        entry.set("before", JSON.readTree(rs.getString(4)));
                    }
                });
        jdbc.sql("""
                        SELECT DISTINCT ON (row_number) row_number, code, message, raw_record::text FROM import_row_errors
                        WHERE job_id = :job AND NOT skipped AND code NOT LIKE 'IMAGE\\_%' ORDER BY row_number, id
                        LIMIT 50""")
                .param("job", job.id())
                .query(rs -> {
                    String target = rs.getString(2).startsWith("DUPLICATE") ? "duplicates" : "errors";
                    ArrayNode list = (ArrayNode) samples.get(target);
                    if (list.size() < SAMPLES) {
                        sample(list, rs.getLong(1), rs.getString(4), rs.getString(3));
                    }
                });
        jdbc.sql("UPDATE import_jobs SET preview = :preview::jsonb WHERE id = :id")
                .param("preview", JSON.writeValueAsString(preview)).param("id", job.id()).update();
    }

    private static ObjectNode sample(ArrayNode list, long row, String raw, String message) {
        ObjectNode entry = list.addObject();
        entry.put("row_number", row);
        if (message != null) {
            entry.put("message", message);
        }
        entry.set("values", raw == null ? JSON.nullNode() : JSON.readTree(raw));
        return entry;
    }

    /**
     * What stored record {@code stored} holds in each field staged row {@code staged} changes, as
     * {@code {field: stored value}} (the same comparison as {@link MatchSql#differs}): an update's sample shows
     * it beside the new value. Meaningful for an update only.
     */
    static String storedBefore(List<String> mapped, String stored, String staged) {
        if (mapped.isEmpty()) {
            return "NULL::jsonb";
        }
        String fields = mapped.stream().map(f -> "('" + f + "', to_jsonb(" + stored + "." + f + "), " + stored + "." + f
                + " IS DISTINCT FROM " + staged + "." + f + ")").collect(java.util.stream.Collectors.joining(", "));
        return "(SELECT jsonb_object_agg(k, v) FROM (VALUES " + fields + ") AS f(k, v, changed) WHERE changed)";
    }

    /**
     * {@code (row_number, match_key, outcome, raw)} of every staged row that is not an in-file duplicate, and
     * {@code before} ({@link #storedBefore}) when asked: only the samples need it.
     */
    private static String classification(ImportKind kind, List<String> mapped, boolean withBefore) {
        String rows = " FROM staging_" + kind.wireName() + " s WHERE s.job_id = :job AND s.duplicate_of IS NULL";
        String raw = StagingTable.RAW_VALUES + " AS raw"
                + (withBefore && kind != ImportKind.PRODUCTS && kind != ImportKind.PURCHASES
                ? ", " + storedBefore(mapped, "t", "s") + " AS before" : "");
        return switch (kind) {
            case RESTAURANTS, CUSTOMERS -> "SELECT s.row_number, s.match_key, CASE WHEN t.id IS NULL THEN 'created'"
                    + " WHEN " + MatchSql.differs(mapped, "t", "s") + " THEN 'updated' ELSE 'unchanged' END AS outcome, "
                    + raw + " FROM staging_" + kind.wireName() + " s LEFT JOIN " + kind.wireName()
                    + " t ON t.tenant = " + MatchSql.LOOKUP_TENANT + " AND t.match_key = s.match_key"
                    + " WHERE s.job_id = :job AND s.duplicate_of IS NULL";
            // a review moved to another restaurant differs in restaurant_external_id: an update, as applying counts it
            case DISHES, REVIEWS -> "SELECT s.row_number, s.match_key, CASE WHEN (" + MatchSql.RESTAURANT_OF_ROW
                    + ") IS NULL THEN 'errors' WHEN t.id IS NULL THEN 'created' WHEN " + MatchSql.differs(mapped, "t", "s")
                    + " THEN 'updated' ELSE 'unchanged' END AS outcome, " + raw
                    + " FROM staging_" + kind.wireName() + " s LEFT JOIN " + kind.wireName()
                    + " t ON t.tenant = " + MatchSql.LOOKUP_TENANT + " AND t.match_key = s.match_key"
                    + " WHERE s.job_id = :job AND s.duplicate_of IS NULL";
            case PRODUCTS -> "SELECT m.row_number, m.match_key, CASE WHEN m.target IS NULL THEN 'created'"
                    + " WHEN m.nth > 1 THEN 'duplicates' WHEN (" + MatchSql.columns(mapped, "p.") + ", p.name_brand_key)"
                    + " IS DISTINCT FROM (" + MatchSql.columns(mapped, "m.") + ", "
                    + MatchSql.productKey(mapped, "p", "m") + ") THEN 'updated' ELSE 'unchanged' END AS outcome, m.raw"
                    + (withBefore ? ", " + storedBefore(mapped, "p", "m") + " AS before" : "")
                    + " FROM (SELECT t.*, CASE WHEN t.target IS NULL THEN 1 ELSE row_number() OVER"
                    + " (PARTITION BY t.target ORDER BY t.row_number) END AS nth FROM (SELECT s.*, "
                    + MatchSql.PRODUCT_TARGET + " AS target, " + StagingTable.RAW_VALUES + " AS raw" + rows + ") t) m"
                    + " LEFT JOIN products p ON p.id = m.target";
            case PURCHASES -> "SELECT s.row_number, s.match_key, CASE WHEN EXISTS (SELECT 1 FROM purchases p"
                    + " WHERE p.tenant = " + MatchSql.LOOKUP_TENANT + " AND p.merchant = coalesce(s.merchant, '')"
                    + " AND p.transaction_ref = s.transaction_ref) THEN 'duplicates' ELSE 'created' END AS outcome, "
                    + raw + (withBefore ? ", NULL::jsonb AS before" : "") + rows;
            // as the inventory applier: unknown product, then the same store and product again, then the guard
            case INVENTORY -> "SELECT m.row_number, m.match_key, CASE WHEN m.product_id IS NULL THEN 'errors'"
                    + " WHEN m.nth > 1 THEN 'duplicates' WHEN t.id IS NULL THEN 'created' WHEN "
                    + MatchSql.inventoryChanges(mapped, "t", "m", "m.updated_at") + " THEN 'updated' ELSE 'unchanged' END AS outcome, m.raw"
                    + (withBefore ? ", " + inventoryBefore(mapped) + " AS before" : "")
                    + " FROM (SELECT x.*, CASE WHEN x.product_id IS NULL THEN 1 ELSE row_number() OVER"
                    + " (PARTITION BY x.store_ref, x.product_id ORDER BY x.row_number) END AS nth FROM (SELECT s.*, "
                    + MatchSql.PRODUCT_OF_INVENTORY_ROW + " AS product_id, " + StagingTable.RAW_VALUES + " AS raw" + rows
                    + ") x) m LEFT JOIN inventory t ON t.tenant = :tenant AND t.store_ref = m.store_ref"
                    + " AND t.product_id = m.product_id";
        };
    }

    /** {@link #storedBefore} of an inventory record {@code t} and row {@code m}: the file's updated_at is stock_updated_at. */
    private static String inventoryBefore(List<String> mapped) {
        String fields = MatchSql.inventoryValues(mapped).stream().map(f -> "('" + f + "', to_jsonb(t." + f + "), t." + f
                + " IS DISTINCT FROM m." + f + "), ").collect(java.util.stream.Collectors.joining())
                + "('updated_at', to_jsonb(t.stock_updated_at), t.stock_updated_at IS DISTINCT FROM m.updated_at)";
        return "(SELECT jsonb_object_agg(k, v) FROM (VALUES " + fields + ") AS f(k, v, changed) WHERE changed)";
    }

}
