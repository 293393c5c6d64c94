package com.bulkimport.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a job imports. The wire name is the lower-case plural used in URLs and JSON. */
public enum ImportKind {
    RESTAURANTS, DISHES, PRODUCTS, CUSTOMERS, PURCHASES, REVIEWS,
    /** A store's stock of a product: one record per store and product (the wire name is no plural). */
    INVENTORY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * One record of the kind, as its events and outbox aggregate name it: {@code restaurant}, {@code dish},
     * {@code product}, {@code customer}, {@code purchase}, {@code review}, {@code inventory}.
     */
    public String recordName() {
        if (this == INVENTORY) {
            return wireName();
        }
        String plural = wireName();
        return plural.endsWith("shes") ? plural.substring(0, plural.length() - 2) : plural.substring(0, plural.length() - 1);
    }

    public static Optional<ImportKind> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.name().equals(wanted)).findFirst();
    }
}
