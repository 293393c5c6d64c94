package com.bulkimport.infra;

/**
 * Every physical name the stack gives a resource, with the stage in it ({@code bulk-import-prod-work},
 * {@code /bulk-import/prod/import-api}), so two stages never claim the same name in one account and region.
 */
public record Names(Stage stage) {

    private static final String PRODUCT = "bulk-import";

    /**
     * {@code bulk-import-<stage>-<base>}. A name of the shared rule file keeps its own words: the bus
     * {@code bulk-import} becomes {@code bulk-import-<stage>}, the queue {@code bulk-import-work}
     * {@code bulk-import-<stage>-work}, the rule {@code import-work} {@code bulk-import-<stage>-import-work}.
     */
    public String of(String base) {
        String rest = base.equals(PRODUCT) ? "" : base.startsWith(PRODUCT + "-") ? base.substring(PRODUCT.length() + 1) : base;
        return PRODUCT + "-" + stage.id() + (rest.isEmpty() ? "" : "-" + rest);
    }

    /** The stack: {@code BulkImport-<stage>}. */
    public String stackName() {
        return "BulkImport-" + stage.id();
    }

    /** {@code /bulk-import/<stage>/<path>}, e.g. a service's logs. */
    public String logGroup(String path) {
        return "/" + PRODUCT + "/" + stage.id() + "/" + path;
    }

    /** The private DNS namespace the relay and the worker register in: {@code <stage>.bulk-import.internal}. */
    public String namespace() {
        return stage.id() + "." + PRODUCT + ".internal";
    }
}
