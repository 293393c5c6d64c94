package com.bulkimport.model.spec;

import java.util.Map;

/**
 * Per-job choices about how values are read.
 *
 * @param decimalComma numbers use ',' as the decimal separator (as declared by the user, never guessed)
 * @param defaults     field to value, used where a row leaves the field empty (or the file lacks it)
 */
public record ParseOptions(boolean decimalComma, Map<String, String> defaults) {

    public static final ParseOptions DEFAULT = new ParseOptions(false, Map.of());

    public ParseOptions {
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
    }

    public ParseOptions(boolean decimalComma) {
        this(decimalComma, Map.of());
    }
}
