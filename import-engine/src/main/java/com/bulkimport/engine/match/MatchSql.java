package com.bulkimport.engine.match;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL that decides which stored record a staged row {@code s} is, shared by the worker's
 * appliers and the dry-run preview, so a preview promises exactly what applying does.
 */
public final class MatchSql {

    /** The most bits two image hashes may differ in and still be one product's image (the band design's limit). */
    public static final int IMAGE_MATCH_BITS = 3;

    private MatchSql() {
    }

    /** Whether a file provides images (any {@code image_url_N}): its rows then carry an image hash and stored images. */
    public static boolean hasImages(List<String> mapped) {
        return mapped.stream().anyMatch(f -> f.startsWith("image_url_"));
    }

    /**
     * A product's ({@code p}) tenant, {@code :tenant}, compared where no index can serve it: the lookup probes the
     * index its own key leads ({@link #PRODUCT_TARGET} says why). The other tables hide the tenant's value instead
     * ({@link #LOOKUP_TENANT}).
     */
    public static final String PRODUCT_TENANT = "p.tenant || '' = :tenant";

    /**
     * A product's id for staged row {@code s}, by sku, else barcode, else image hash, else name + brand (a row
     * without identifiers matches any product by the last two; one with identifiers only products without).
     * Each lookup runs only when the previous found nothing.
     *
     * <p>The image hash matches near duplicates too: a stored hash at most {@value #IMAGE_MATCH_BITS} bits from the
     * row's, the nearest first. The 64-bit hash is split into four bands of 16 bits with an index each (V27); two
     * hashes within 3 bits agree on at least one band, so the lookup probes the four band indexes for equal bands
     * and checks the Hamming distance of those candidates only: never a scan. One branch per band (UNION ALL), each
     * with its band's equality: an OR of the four was planned, on a products table that looked empty, as a walk of
     * one band's whole index.
     *
     * <p>The tenant is compared as {@code p.tenant || ''} on purpose ({@link #PRODUCT_TENANT}): no index can serve
     * it, so each lookup can only probe the index led by its own key (sku, barcode, name + brand). A batch planned
     * while {@code products} was still empty, at the start of a large import, otherwise took an index
     * led by tenant as just as cheap, and then read the tenant's every product once per row while the
     * other batches filled the table: one batch of a million-row import ran for hours.
     *
     * <p>For the same reason the name + brand lookup takes {@code min(p.id + 0)}: a bare {@code min(p.id)}
     * may be planned as a walk of the primary key in id order until a row matches, which on a table
     * that looked empty (with sequential scans off, as the worker runs) passed every product per row.
     */
    public static final String PRODUCT_TARGET = """
            coalesce(
                (SELECT p.id FROM products p WHERE s.sku IS NOT NULL AND p.sku = s.sku AND %1$s),
                (SELECT p.id FROM products p WHERE s.barcode IS NOT NULL AND p.barcode = s.barcode
                    AND %1$s),
                (SELECT c.id FROM (
                        SELECT p.id, p.image_hash FROM products p WHERE s.image_hash IS NOT NULL AND p.image_hash IS NOT NULL
                            AND substr(p.image_hash, 1, 4) = substr(s.image_hash, 1, 4) AND %1$s
                            AND (s.sku IS NULL AND s.barcode IS NULL OR p.sku IS NULL AND p.barcode IS NULL)
                        UNION ALL
                        SELECT p.id, p.image_hash FROM products p WHERE s.image_hash IS NOT NULL AND p.image_hash IS NOT NULL
                            AND substr(p.image_hash, 5, 4) = substr(s.image_hash, 5, 4) AND %1$s
                            AND (s.sku IS NULL AND s.barcode IS NULL OR p.sku IS NULL AND p.barcode IS NULL)
                        UNION ALL
                        SELECT p.id, p.image_hash FROM products p WHERE s.image_hash IS NOT NULL AND p.image_hash IS NOT NULL
                            AND substr(p.image_hash, 9, 4) = substr(s.image_hash, 9, 4) AND %1$s
                            AND (s.sku IS NULL AND s.barcode IS NULL OR p.sku IS NULL AND p.barcode IS NULL)
                        UNION ALL
                        SELECT p.id, p.image_hash FROM products p WHERE s.image_hash IS NOT NULL AND p.image_hash IS NOT NULL
                            AND substr(p.image_hash, 13, 4) = substr(s.image_hash, 13, 4) AND %1$s
                            AND (s.sku IS NULL AND s.barcode IS NULL OR p.sku IS NULL AND p.barcode IS NULL)
                    ) c WHERE bit_count(('x' || c.image_hash)::bit(64) # ('x' || s.image_hash)::bit(64)) <= 3
                    ORDER BY bit_count(('x' || c.image_hash)::bit(64) # ('x' || s.image_hash)::bit(64)), c.id + 0
                    LIMIT 1),
                (SELECT min(p.id + 0) FROM products p WHERE p.name_brand_key = s.name_brand_key AND %1$s
                    AND (s.sku IS NULL AND s.barcode IS NULL OR p.sku IS NULL AND p.barcode IS NULL)))"""
            .formatted(PRODUCT_TENANT);

    /**
     * The product an inventory row {@code s} names: by sku, else by barcode (the barcode is tried when the sku
     * finds none), within the tenant; null for an unknown product. The tenant is compared as in
     * {@link #PRODUCT_TARGET}, so each lookup probes its own key's index.
     */
    public static final String PRODUCT_OF_INVENTORY_ROW = """
            coalesce(
                (SELECT p.id FROM products p WHERE s.sku IS NOT NULL AND p.sku = s.sku AND %1$s),
                (SELECT p.id FROM products p WHERE s.barcode IS NOT NULL AND p.barcode = s.barcode
                    AND %1$s))""".formatted(PRODUCT_TENANT);

    /**
     * Whether inventory row {@code s} of product {@code s.product_id} would change stored record {@code t}: it is
     * not older than the stored count ({@code updated_at >= stock_updated_at}; an equal time is a recount and
     * wins) and differs in the fields the file gives or in the time. A newer time alone is a change: the record
     * must remember the newest count, or an older one read later would pass the check.
     *
     * @param stagedTime the row's time: {@code m.updated_at} of a staged row, {@code EXCLUDED.stock_updated_at} in
     *                   an upsert
     */
    public static String inventoryChanges(List<String> mapped, String stored, String staged, String stagedTime) {
        List<String> values = inventoryValues(mapped);
        String separator = values.isEmpty() ? "" : ", ";
        return "(" + stagedTime + " >= " + stored + ".stock_updated_at AND (" + columns(values, stored + ".")
                + separator + stored + ".stock_updated_at) IS DISTINCT FROM (" + columns(values, staged + ".")
                + separator + stagedTime + "))";
    }

    /** The stored values of an inventory record that a file's columns set (the time aside). */
    public static List<String> inventoryValues(List<String> mapped) {
        return List.of("quantity", "price", "currency").stream().filter(mapped::contains).toList();
    }

    /** The name + brand key a matched product gets: without a brand column, the stored brand part stays. */
    public static String productKey(List<String> mapped, String stored, String staged) {
        return mapped.contains("brand") ? staged + ".name_brand_key"
                : "split_part(" + stored + ".name_brand_key, '#', 1) || '#' || split_part(" + staged
                + ".name_brand_key, '#', 2)";
    }

    /**
     * The job's tenant ({@code :tenant}) where a statement looks records up by a key led by the tenant
     * ({@code (tenant, match_key)} and the like), as a sub-select: a value the planner cannot see when it plans.
     * A tenant the statistics do not know (its first big import, until autovacuum analyzes the table, beside a
     * tenant they do) is estimated at a row; an index on the tenant alone (a read API's, e.g.
     * {@code customers_tenant_ref}, {@code restaurants_tenant_name}) then looks as cheap as the key's, and the
     * planner scanned all the tenant's records once per row looked up (2.4 ms a row at 26,000 customers). A value
     * it cannot see is estimated as an average tenant, and the key's index is probed. (Products are keyed by
     * columns that lead their indexes, so their lookups hide the tenant from every index instead: {@link
     * #PRODUCT_TARGET}.)
     */
    public static final String LOOKUP_TENANT = "(SELECT CAST(:tenant AS text))";

    /**
     * The restaurant id of a dish or a review, staged row {@code s}, by its {@code restaurant_external_id}
     * (a restaurant's match key is {@code id:<external id>}); null for an unknown restaurant.
     */
    public static final String RESTAURANT_OF_ROW = "SELECT r.id FROM restaurants r WHERE r.tenant = " + LOOKUP_TENANT
            + " AND r.match_key = 'id:' || s.restaurant_external_id";

    public static String columns(List<String> fields, String prefix) {
        return fields.stream().map(f -> prefix + f).collect(Collectors.joining(", "));
    }

    /** True when stored record {@code t} differs from staged row {@code s} in any of {@code fields}. */
    public static String differs(List<String> fields, String stored, String staged) {
        return "(" + columns(fields, stored + ".") + ") IS DISTINCT FROM (" + columns(fields, staged + ".") + ")";
    }
}
