package com.bulkimport.engine.revert;

import com.bulkimport.model.ImportKind;

/**
 * What a revert does to each change an import made, as SQL shared by the preview and the worker, so a preview
 * promises what the revert does (docs/architecture.md, "Reverting an import"). A change is the import's first
 * {@code record_history} row for a record; its outcome, judged on the record as it is now:
 *
 * <ul>
 *   <li>{@code DELETE}: the import created the record, and nothing changed it since;</li>
 *   <li>{@code RESTORE}: the import changed the record, and nothing changed it since: its values before go back;</li>
 *   <li>{@code GONE}: the record no longer exists: nothing to do;</li>
 *   <li>{@code CHANGED_SINCE} (a conflict): a later import changed it (its {@code updated_by_job} is another job):
 *       left as it is, never clobbered;</li>
 *   <li>{@code REFERENCED} (a conflict): the import created it, but other records point at it now (a restaurant's
 *       dishes or reviews, a customer's purchases, a product's purchase lines or stock): not deleted, no cascade;</li>
 *   <li>{@code NO_BEFORE_IMAGE} (a conflict): the import changed it but its old values were not captured (another
 *       import inserted it in the same instant);</li>
 *   <li>{@code PARENT_GONE} (a conflict): the import moved a dish or a review to another restaurant, and the one it
 *       was at before no longer exists: its old values cannot go back.</li>
 * </ul>
 */
public final class RevertSql {

    public static final String DELETE = "DELETE";
    public static final String RESTORE = "RESTORE";
    public static final String GONE = "GONE";

    private RevertSql() {
    }

    /** The domain table of a kind's records. */
    public static String table(ImportKind kind) {
        return switch (kind) {
            case RESTAURANTS -> "restaurants";
            case DISHES -> "dishes";
            case PRODUCTS -> "products";
            case CUSTOMERS -> "customers";
            case PURCHASES -> "purchases";
            case REVIEWS -> "reviews";
            case INVENTORY -> "inventory";
        };
    }

    /** The column naming the job that last changed a record (a purchase is never changed: its creator). */
    static String changedBy(ImportKind kind) {
        return kind == ImportKind.PURCHASES ? "created_by_job" : "updated_by_job";
    }

    /** Whether other records point at record {@code t}: deleting it would break them. */
    static String referenced(ImportKind kind) {
        return switch (kind) {
            case RESTAURANTS -> "EXISTS (SELECT 1 FROM dishes d WHERE d.restaurant_id = t.id)"
                    + " OR EXISTS (SELECT 1 FROM reviews v WHERE v.restaurant_id = t.id)";
            case CUSTOMERS -> "EXISTS (SELECT 1 FROM purchases p WHERE p.customer_id = t.id)";
            case PRODUCTS -> "EXISTS (SELECT 1 FROM purchase_items pi WHERE pi.product_id = t.id)"
                    + " OR EXISTS (SELECT 1 FROM inventory i WHERE i.product_id = t.id)";
            // a purchase's own lines go with it (ON DELETE CASCADE); dishes, reviews and stock are pointed at by nothing
            case DISHES, REVIEWS, PURCHASES, INVENTORY -> "false";
        };
    }

    /**
     * The import's changes still to revert, the first per record: {@code id} (the history row), {@code record_id},
     * {@code op}, {@code before}. Binds {@code :target}.
     */
    public static String changesToRevert() {
        return """
                SELECT DISTINCT ON (h.record_id) h.id, h.record_id, h.op, h.before
                FROM record_history h WHERE h.job_id = :target AND h.reverted_by IS NULL
                ORDER BY h.record_id, h.id""";
    }

    /**
     * Each change of {@code changes} (columns as {@link #changesToRevert}, plus whatever else it carries as
     * {@code c.*}) with its {@code outcome}, the record now ({@code current}, null when gone) and the job that
     * changed it last ({@code changed_by}). Binds {@code :target}.
     */
    public static String classify(ImportKind kind, String changes) {
        return """
                SELECT c.*, to_jsonb(t) AS current, t.%2$s AS changed_by,
                       CASE WHEN t.id IS NULL THEN 'GONE'
                            WHEN t.%2$s IS DISTINCT FROM CAST(:target AS uuid) THEN 'CHANGED_SINCE'
                            WHEN c.op = 'CREATED' AND (%3$s) THEN 'REFERENCED'
                            WHEN c.op = 'CREATED' THEN 'DELETE'
                            WHEN c.before IS NULL THEN 'NO_BEFORE_IMAGE'
                            WHEN %5$s THEN 'PARENT_GONE'
                            ELSE 'RESTORE' END AS outcome
                FROM (%4$s) c LEFT JOIN %1$s t ON t.id = c.record_id""".formatted(table(kind), changedBy(kind),
                referenced(kind), changes, parentGone(kind));
    }

    /** Whether the parent an update's before-image points at (a dish's or a review's restaurant) is gone. */
    private static String parentGone(ImportKind kind) {
        return switch (kind) {
            case DISHES, REVIEWS -> "NOT EXISTS (SELECT 1 FROM restaurants pr"
                    + " WHERE pr.id = (c.before ->> 'restaurant_id')::bigint)";
            default -> "false";
        };
    }

    /** A conflict's row message, from a classified change {@code x}. */
    public static String conflictMessage(ImportKind kind) {
        return """
                CASE x.outcome
                    WHEN 'CHANGED_SINCE' THEN '%1$s ' || x.record_id || ' was changed by import ' || coalesce(x.changed_by::text, 'unknown')
                        || ' after this import; it is left as it is'
                    WHEN 'REFERENCED' THEN '%1$s ' || x.record_id || ' was created by this import but other records'
                        || ' point at it now (%2$s); it is not deleted'
                    WHEN 'PARENT_GONE' THEN '%1$s ' || x.record_id || ' was at restaurant '
                        || coalesce(x.before ->> 'restaurant_id', '?') || ' before this import, which no longer exists;'
                        || ' it is left as it is'
                    ELSE '%1$s ' || x.record_id || ' has no recorded values from before this import; it is left as it is'
                END""".formatted(kind.recordName(), pointers(kind));
    }

    private static String pointers(ImportKind kind) {
        return switch (kind) {
            case RESTAURANTS -> "dishes or reviews";
            case CUSTOMERS -> "purchases";
            case PRODUCTS -> "purchase lines or store inventory";
            default -> "none";
        };
    }
}
