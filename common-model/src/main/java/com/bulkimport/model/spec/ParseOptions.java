package com.bulkimport.model.spec;

import com.bulkimport.model.ImportOptions;

import java.time.ZoneId;
import java.util.Map;

/**
 * Per-job choices about how values are read.
 *
 * @param decimalComma numbers use ',' as the decimal separator (as declared by the user, never guessed)
 * @param defaults     field to value, used where a row leaves the field empty (or the file lacks it)
 * @param dateOrder    day and month of dates written with the year last ({@code 12/1/2010}), as declared by the
 *                     user, never guessed; null: such dates are refused unless written with dots (day first)
 * @param timeZone     where the file's date-times that name no offset were written; null: they are stored as they
 *                     are, which the database reads as UTC
 */
public record ParseOptions(boolean decimalComma, Map<String, String> defaults, DateOrder dateOrder, ZoneId timeZone) {

    public static final ParseOptions DEFAULT = new ParseOptions(false, Map.of());

    public ParseOptions {
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
    }

    public ParseOptions(boolean decimalComma, Map<String, String> defaults) {
        this(decimalComma, defaults, null, null);
    }

    public ParseOptions(boolean decimalComma, Map<String, String> defaults, DateOrder dateOrder) {
        this(decimalComma, defaults, dateOrder, null);
    }

    public ParseOptions(boolean decimalComma) {
        this(decimalComma, Map.of());
    }

    /** How a job's options read values, with {@code defaults} for its empty cells. */
    public static ParseOptions of(ImportOptions options, Map<String, String> defaults) {
        return new ParseOptions(options.decimalComma(), defaults, DateOrder.parse(options.dateOrder()),
                timeZone(options.timeZone()));
    }

    /** @return the zone a job names, or null for none or a name no zone has (checked when the job is created) */
    public static ZoneId timeZone(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(name.strip());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
