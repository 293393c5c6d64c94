package com.bulkimport.model.spec;

import java.util.Locale;

/**
 * The order of day and month in dates written with the year last, as spreadsheets export them in the user's
 * locale: {@code 12/1/2010 8:26} is 1 December in the United States (Excel's en-US CSV) and 12 January nearly
 * everywhere else. The text cannot tell, so a job declares it (option {@code date_order}); dates written with dots
 * ({@code 31.12.2024}) are day first wherever they are written.
 */
public enum DateOrder {
    /** Month, day, year: the United States. */
    MDY,
    /** Day, month, year: most of the world. */
    DMY;

    /** @return the order a job names (any case), or null for none; an unknown name is null too (checked on create) */
    public static DateOrder parse(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "MDY" -> MDY;
            case "DMY" -> DMY;
            default -> null;
        };
    }

    String wording() {
        return this == MDY ? "month first (date_order MDY)" : "day first (date_order DMY)";
    }
}
