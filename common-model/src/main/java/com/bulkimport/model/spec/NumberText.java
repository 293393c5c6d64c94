package com.bulkimport.model.spec;

import java.util.Locale;

/**
 * Number text as files write it. Everything here runs before any {@link java.math.BigDecimal} is built:
 * BigDecimal's parsing is quadratic in the number of digits, so a cell of millions of digits (which any
 * digits-only pattern accepts) would cost minutes of one core if it reached it.
 */
final class NumberText {

    /** More significant digits than any real export writes (a double needs 17). */
    static final int MAX_SIGNIFICANT_DIGITS = 40;
    /** Longer than this, number text is refused unread, whatever its sign, separators and exponent. */
    static final int MAX_CHARACTERS = 64;

    private NumberText() {
    }

    /**
     * Refuses number text too long to be a number anyone meant: over {@link #MAX_CHARACTERS} characters,
     * or over {@link #MAX_SIGNIFICANT_DIGITS} significant digits before its exponent. Looks at no more
     * than {@link #MAX_CHARACTERS} characters.
     */
    static void checkLength(FieldSpec field, String value) throws InvalidValue {
        int length = value.length();
        if (length > MAX_CHARACTERS) {
            throw tooManyDigits(field, String.format(Locale.ROOT, "is %,d characters long", length));
        }
        int significant = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '1' && c <= '9' || c == '0' && significant > 0) {
                significant++;
            }
        }
        if (significant > MAX_SIGNIFICANT_DIGITS) {
            throw tooManyDigits(field, "has " + significant + " significant digits");
        }
    }

    private static InvalidValue tooManyDigits(FieldSpec field, String what) {
        return new InvalidValue("TOO_MANY_DIGITS", field.name() + " " + what + "; a number may have at most "
                + MAX_SIGNIFICANT_DIGITS + " significant digits (" + MAX_CHARACTERS
                + " characters with its sign, separators and exponent)");
    }
}
