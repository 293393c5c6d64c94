package com.bulkimport.model.spec;

/**
 * Per-job choices about how values are read.
 *
 * @param decimalComma numbers use ',' as the decimal separator (as declared by the user, never guessed)
 */
public record ParseOptions(boolean decimalComma) {

    public static final ParseOptions DEFAULT = new ParseOptions(false);
}
