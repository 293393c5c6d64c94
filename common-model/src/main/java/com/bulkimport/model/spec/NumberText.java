package com.bulkimport.model.spec;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * Number text as files write it: a sign ({@code +}, {@code -} or the minus sign U+2212; a negative number also in
 * accounting parentheses, {@code (12.50)}, or with its minus last, {@code 12.50-}), thousands
 * separators (groups of three, or Indian lakh/crore groups {@code 12,34,567}; with decimal separator {@code .}
 * a comma, with {@code ,} a dot; either way a space, a no-break space, a narrow no-break space or an
 * apostrophe, one kind per value), a fraction after
 * the job's decimal separator, and an exponent ({@code 1e3}, {@code 4.08E-5}). Checked by hand rather than
 * by a pattern so that the refusal can say what is wrong, and so that no {@link BigDecimal} is built before
 * the text is known to be short: BigDecimal's parsing is quadratic in the number of digits, so a cell of
 * millions of digits would cost minutes of one core if it reached it.
 */
final class NumberText {

    /** More significant digits than any real export writes (a double needs 17). */
    static final int MAX_SIGNIFICANT_DIGITS = 40;
    /** Longer than this, number text is refused unread, whatever its sign, separators and exponent. */
    static final int MAX_CHARACTERS = 64;

    /** |exponent| beyond this is no number a file means (a double ends at 1e308). */
    private static final int MAX_EXPONENT = 999;
    private static final Set<String> SPREADSHEET_ERRORS = Set.of("#N/A", "#NA", "#VALUE!", "#DIV/0!", "#REF!",
            "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#ERROR!");
    private static final Set<String> INFINITE = Set.of("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity",
            "\u221e", "-\u221e", "+\u221e");

    private NumberText() {
    }

    /** Whether the text is pandas' and numpy's way of writing a missing number. */
    static boolean isNaN(String value) {
        return value.equalsIgnoreCase("nan") || value.equalsIgnoreCase("-nan");
    }

    /** Surrounding spaces, no-break ones included (String.strip() keeps U+00A0, U+2007, U+202F). */
    static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00a0' || c == '\u2007' || c == '\u202f';
    }

    /**
     * @param value         trimmed, not empty
     * @param wholeNumber   wording for an integer field
     * @return the number exactly as written
     */
    static BigDecimal read(FieldSpec field, String value, boolean decimalComma, boolean wholeNumber)
            throws InvalidValue {
        checkLength(field, value);
        String plain = plain(value, decimalComma);
        if (plain == null) {
            throw notANumber(field, value, decimalComma, wholeNumber);
        }
        BigDecimal number = new BigDecimal(plain);
        return number.signum() == 0 ? BigDecimal.ZERO : number;
    }

    /**
     * The number as BigDecimal reads it ({@code -1234.5E3}), or null when the text is no number. A negative number
     * may also be written in parentheses, as spreadsheets' accounting formats show it ({@code (1,234.50)}), or with
     * the minus last, as SAP and other ERP systems export it ({@code 1.234,50-}); the number inside has no sign.
     */
    static String plain(String value, boolean decimalComma) {
        int n = value.length();
        String negated = null;
        if (n > 2 && value.charAt(0) == '(' && value.charAt(n - 1) == ')') {
            negated = trim(value.substring(1, n - 1));
        } else if (n > 1 && (value.charAt(n - 1) == '-' || value.charAt(n - 1) == '\u2212')) {
            negated = value.substring(0, n - 1);
        }
        if (negated != null) {
            if (negated.isEmpty() || "+-\u2212".indexOf(negated.charAt(0)) >= 0) {
                return null;
            }
            String number = signed(negated, decimalComma);
            return number == null ? null : "-" + number;
        }
        return signed(value, decimalComma);
    }

    private static String signed(String value, boolean decimalComma) {
        int n = value.length();
        StringBuilder out = new StringBuilder(n + 2);
        int i = 0;
        char first = value.charAt(0);
        if (first == '+') {
            i++;
        } else if (first == '-' || first == '\u2212') {
            out.append('-');
            i++;
        }
        char separator = decimalComma ? ',' : '.';
        char group = 0;
        int groups = 0;
        int firstGroup = 0;
        int groupDigits = 0;
        boolean threes = true;
        boolean twos = true;
        int integerDigits = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (isDigit(c)) {
                out.append(c);
                groupDigits++;
                integerDigits++;
            } else if (isGrouping(c, decimalComma) && (group == 0 || c == group)) {
                if (group == 0) {
                    firstGroup = groupDigits;
                } else {
                    threes &= groupDigits == 3;
                    twos &= groupDigits == 2;
                }
                group = c;
                groups++;
                groupDigits = 0;
            } else {
                break;
            }
            i++;
        }
        // 1,234,567 everywhere; 12,34,567 (lakh and crore) as Indian spreadsheets write it
        if (group != 0 && !(groupDigits == 3 && (threes && firstGroup >= 1 && firstGroup <= 3
                || twos && groups > 1 && firstGroup >= 1 && firstGroup <= 2))) {
            return null;
        }
        int fractionDigits = 0;
        if (i < n && value.charAt(i) == separator) {
            out.append('.');
            i++;
            while (i < n && isDigit(value.charAt(i))) {
                out.append(value.charAt(i++));
                fractionDigits++;
            }
        }
        if (integerDigits + fractionDigits == 0) {
            return null;
        }
        if (i < n && (value.charAt(i) == 'e' || value.charAt(i) == 'E')) {
            i++;
            int exponent = 0;
            boolean negative = false;
            if (i < n && (value.charAt(i) == '+' || value.charAt(i) == '-' || value.charAt(i) == '\u2212')) {
                negative = value.charAt(i) != '+';
                i++;
            }
            int digits = 0;
            while (i < n && isDigit(value.charAt(i))) {
                exponent = Math.min(exponent * 10 + value.charAt(i++) - '0', 100_000);
                digits++;
            }
            if (digits == 0) {
                return null;
            }
            // beyond it every field gives the same answer (too large, or rounded to zero) at a fraction of the cost
            exponent = Math.min(exponent, MAX_EXPONENT);
            out.append('E').append(negative ? "-" : "").append(exponent);
        }
        return i == n ? out.toString() : null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isGrouping(char c, boolean decimalComma) {
        return c == (decimalComma ? '.' : ',') || c == ' ' || c == '\u00a0' || c == '\u202f' || c == '\''
                || c == '\u2019';
    }

    /** Why the text is no number, as precisely as can be said. */
    private static InvalidValue notANumber(FieldSpec field, String value, boolean decimalComma, boolean wholeNumber) {
        String code = wholeNumber ? "NOT_AN_INTEGER" : "NOT_A_NUMBER";
        String got = "'" + ValueParser.clip(value) + "'";
        String name = field.name();
        if (SPREADSHEET_ERRORS.contains(value.toUpperCase(Locale.ROOT))) {
            return new InvalidValue("SPREADSHEET_ERROR", name + " holds the spreadsheet error " + got
                    + ": a formula failed in the sheet this file was exported from; fix it there and export again");
        }
        if (INFINITE.contains(value.toLowerCase(Locale.ROOT))) {
            return new InvalidValue(code, name + " must be a finite number, got " + got);
        }
        if (value.endsWith("%")) {
            return new InvalidValue(code, name + " " + got + " is a percentage; no field takes percentages:"
                    + " give the number itself (without %)");
        }
        if (Character.getType(value.charAt(0)) == Character.CURRENCY_SYMBOL
                || Character.getType(value.charAt(value.length() - 1)) == Character.CURRENCY_SYMBOL) {
            return new InvalidValue(code, name + " " + got + " has a currency symbol; give the amount alone"
                    + " (the currency has a column of its own)");
        }
        if (plain(value, !decimalComma) != null) {
            String hint = decimalComma
                    ? " (it uses '.' as decimal separator, but this import declares decimal_separator ',')"
                    : " (it uses ',' as decimal separator; declare decimal_separator ',' for this import)";
            if (wholeNumber) {
                return new InvalidValue(code, name + " must be a whole number, got " + got + hint);
            }
            return new InvalidValue(code, name + " must be a number, got " + got + hint);
        }
        return new InvalidValue(code, name + " must be " + (wholeNumber ? "a whole number" : "a number")
                + ", got " + got);
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
