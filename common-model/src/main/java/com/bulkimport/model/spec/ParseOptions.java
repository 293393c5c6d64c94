package com.bulkimport.model.spec;

import com.bulkimport.model.ImportOptions;

import java.util.Map;

/**
 * Per-job choices about how values are read.
 *
 * @param decimalComma numbers use ',' as the decimal separator (as declared by the user, never guessed)
 * @param defaults     field to value, used where a row leaves the field empty (or the file lacks it)
 * @param dateOrder    day and month of dates written with the year last ({@code 12/1/2010}), as declared by the
 *                     user, never guessed; null: such dates are refused unless written with dots (day first)
 */
public record ParseOptions(boolean decimalComma, Map<String, String> defaults, DateOrder dateOrder) {

    public static final ParseOptions DEFAULT = new ParseOptions(false, Map.of());

    public ParseOptions {
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
    }

    public ParseOptions(boolean decimalComma, Map<String, String> defaults) {
        this(decimalComma, defaults, null);
    }

    public ParseOptions(boolean decimalComma) {
        this(decimalComma, Map.of());
    }

    /** How a job's options read values, with {@code defaults} for its empty cells. */
    public static ParseOptions of(ImportOptions options, Map<String, String> defaults) {
        return new ParseOptions(options.decimalComma(), defaults, DateOrder.parse(options.dateOrder()));
    }
}
