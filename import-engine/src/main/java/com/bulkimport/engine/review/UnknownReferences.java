package com.bulkimport.engine.review;

import com.bulkimport.engine.match.MatchSql;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.model.ImportKind;

/**
 * A dry run's staged rows that name a record the tenant does not have — a dish's or review's restaurant, a stock
 * record's product —, as the preview finds them (its {@code errors}) and the appliers will refuse them (the same
 * lookups of {@link MatchSql}, the same code, column and message). They are valid rows, staged: the reference is
 * judged when a batch is applied (the record may be imported in between), so they are not row errors yet; the review
 * lists them with the refused rows, and skipping the rows with errors skips them too (docs/architecture.md, "Review
 * and corrections"). Each is a query of the job's staged rows ({@code :job}, {@code :tenant}) without in-file
 * duplicates, as the preview classifies them.
 */
public final class UnknownReferences {

    private UnknownReferences() {
    }

    /** Whether rows of this kind point at records of another kind. */
    public static boolean apply(ImportKind kind) {
        return condition(kind) != null;
    }

    /**
     * {@code row_number, column_name, code, message, raw_record} (the staged values by field, as a skipped staged
     * row keeps them) of each row whose reference is unknown; only for a kind that {@link #apply}s.
     */
    public static String rows(ImportKind kind) {
        String table = StagingTable.of(kind).name();
        String what = kind == ImportKind.INVENTORY
                ? "CASE WHEN s.sku IS NOT NULL THEN 'sku' ELSE 'barcode' END, 'UNKNOWN_PRODUCT', 'no product with '"
                + " || concat_ws(' or ', 'sku ''' || s.sku || '''', 'barcode ''' || s.barcode || '''')"
                + " || ' exists; import it first'"
                : "'restaurant_external_id', 'UNKNOWN_RESTAURANT', 'no restaurant with external_id '''"
                + " || s.restaurant_external_id || ''' exists; import it first'";
        return "SELECT s.row_number, " + what + ", " + StagingTable.RAW_VALUES + " FROM " + table + " s WHERE "
                + condition(kind);
    }

    /** The rows of {@link #rows}, as a condition on staged row {@code s}. */
    static String condition(ImportKind kind) {
        String lookup = switch (kind) {
            case DISHES, REVIEWS -> MatchSql.RESTAURANT_OF_ROW;
            case INVENTORY -> MatchSql.PRODUCT_OF_INVENTORY_ROW;
            default -> null;
        };
        return lookup == null ? null
                : "s.job_id = :job AND s.duplicate_of IS NULL AND (" + lookup + ") IS NULL";
    }
}
