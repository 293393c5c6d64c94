package com.bulkimport.model.spec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one raw CSV value into the canonical text PostgreSQL's COPY reads for the field's type,
 * or refuses it with an {@link InvalidValue}. Values are trimmed; an empty value is null.
 */
public final class ValueParser {

    /** Digits before the decimal point: beyond any field's range, and as far as numbers stay exact here. */
    private static final int MAX_INTEGER_DIGITS = 15;
    private static final Pattern SCIENTIFIC_BARCODE = Pattern.compile("\\d+([.,]\\d+)?[eE][+]?\\d+");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern URL = Pattern.compile("https?://[^\\s]+", Pattern.CASE_INSENSITIVE);
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("uuuu/MM/dd"));
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss][.SSSSSS][.SSS]"),
            DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm[:ss]"));

    /**
     * Yes and true as files write them: English, and a spreadsheet's TRUE in the languages Excel and LibreOffice
     * write it into a CSV saved in that language (WAHR, VRAI, VERDADERO, VERO, WAAR, VERDADEIRO, SANT, SAND, SANN,
     * TOSI, PRAWDA, ИСТИНА), with those languages' yes.
     */
    private static final Set<String> TRUE_WORDS = Set.of("yes", "y", "true", "t", "1", "wahr", "ja", "vrai", "oui",
            "verdadero", "sí", "si", "vero", "waar", "verdadeiro", "sim", "sant", "sand", "sann", "tosi", "kyllä",
            "prawda", "tak", "истина", "да");
    /** No and false, in the same languages (FALSCH, FAUX, FALSO, ONWAAR, FALSKT, FALSK, USANN, EPÄTOSI, FAŁSZ, ЛОЖЬ). */
    private static final Set<String> FALSE_WORDS = Set.of("no", "n", "false", "f", "0", "falsch", "nein", "faux", "non",
            "falso", "não", "nao", "onwaar", "nee", "falskt", "nej", "falsk", "usann", "nei", "epätosi", "ei",
            "fałsz", "nie", "ложь", "нет");

    private ValueParser() {
    }

    /** @return canonical text, or null for an empty value */
    public static String parse(FieldSpec field, String raw, ParseOptions options) throws InvalidValue {
        return parse(field, raw, options, null);
    }

    /** @param notes told what parsing changed (a decimal rounded to its field's scale); may be null */
    static String parse(FieldSpec field, String raw, ParseOptions options, Notes notes) throws InvalidValue {
        String value = raw == null ? "" : raw.strip();
        if (field.type() == FieldType.INTEGER || field.type() == FieldType.DECIMAL) {
            // a number's cell: no-break spaces around it are spaces too, and NaN is how pandas writes "no value"
            value = NumberText.trim(value);
            if (NumberText.isNaN(value)) {
                value = "";
            }
        }
        if (value.isEmpty()) {
            if (field.required()) {
                throw new InvalidValue("REQUIRED", field.name() + " is required");
            }
            return null;
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidValue("INVALID_CHARACTER", field.name() + " contains a NUL character");
        }
        return switch (field.type()) {
            case TEXT -> text(field, value);
            case INTEGER -> integer(field, value, options);
            case DECIMAL -> decimal(field, value, options, notes);
            case BOOLEAN -> bool(field, value);
            case DATE -> date(field, value, options);
            case TIMESTAMP -> timestamp(field, value, options);
            case GTIN -> gtin(field, value);
            case EMAIL -> email(field, value);
            case URL -> url(field, value);
            case CURRENCY -> currency(field, value);
            case FAMILY -> text(field, value);
        };
    }

    private static String text(FieldSpec field, String value) throws InvalidValue {
        if (value.length() > field.maxLength()) {
            throw new InvalidValue("TOO_LONG", field.name() + " is " + value.length()
                    + " characters long; the limit is " + field.maxLength());
        }
        return value;
    }

    /**
     * A whole number written any way a number can be ({@code 3}, {@code 3.0} as pandas writes the integers of
     * a column with gaps, {@code 1,200}, {@code 1e3}); a fraction other than zero is refused, never rounded:
     * counts and levels have no half values to round to.
     */
    private static String integer(FieldSpec field, String value, ParseOptions options) throws InvalidValue {
        BigDecimal number = NumberText.read(field, value, options.decimalComma(), true);
        BigDecimal whole = number.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw new InvalidValue("NOT_AN_INTEGER", field.name() + " must be a whole number, got '" + clip(value) + "'");
        }
        if (whole.precision() - whole.scale() > 18) {
            throw new InvalidValue("OUT_OF_RANGE", field.name() + " is too large: '" + clip(value) + "'");
        }
        checkRange(field, whole);
        return whole.toBigIntegerExact().toString();
    }

    /**
     * Any number: rounded half-even to the field's scale when it has more decimals (floats as pandas and
     * spreadsheets write them: {@code 40.814460625261}, {@code 0.30000000000000004}); the caller hears of
     * each rounding through {@code notes}. The range is checked on the value as stored.
     */
    private static String decimal(FieldSpec field, String value, ParseOptions options, Notes notes)
            throws InvalidValue {
        BigDecimal number = NumberText.read(field, value, options.decimalComma(), false);
        if (number.precision() - number.scale() > MAX_INTEGER_DIGITS) {
            throw new InvalidValue("OUT_OF_RANGE", field.name() + " is too large: '" + clip(value) + "' has more than "
                    + MAX_INTEGER_DIGITS + " digits before the decimal point");
        }
        if (number.scale() > field.scale()) {
            BigDecimal rounded = number.setScale(field.scale(), RoundingMode.HALF_EVEN);
            if (rounded.compareTo(number) != 0 && notes != null) {
                notes.rounded = true;
            }
            number = rounded;
        }
        checkRange(field, number);
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }

    /** What parsing changed beyond writing the value canonically. */
    static final class Notes {
        boolean rounded;
    }

    private static void checkRange(FieldSpec field, BigDecimal number) throws InvalidValue {
        if (field.min() != null && number.compareTo(field.min()) < 0) {
            throw new InvalidValue("OUT_OF_RANGE", field.name() + " must be at least " + field.min().toPlainString()
                    + ", got " + number.toPlainString());
        }
        if (field.max() != null && number.compareTo(field.max()) > 0) {
            throw new InvalidValue("OUT_OF_RANGE", field.name() + " must be at most " + field.max().toPlainString()
                    + ", got " + number.toPlainString());
        }
    }

    private static String bool(FieldSpec field, String value) throws InvalidValue {
        String word = value.toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word)) {
            return "t";
        }
        if (FALSE_WORDS.contains(word)) {
            return "f";
        }
        throw new InvalidValue("NOT_A_BOOLEAN",
                field.name() + " must be Yes/No, true/false or 1/0, got '" + clip(value) + "'");
    }

    private static String date(FieldSpec field, String value, ParseOptions options) throws InvalidValue {
        LocalDateTime yearLast = YearLastDates.read(field, value, options.dateOrder(), "NOT_A_DATE", false);
        if (yearLast != null) {
            return yearLast.toLocalDate().toString();
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(value, format).toString();
            } catch (DateTimeParseException ignored) {
                // try the next accepted format
            }
        }
        throw new InvalidValue("NOT_A_DATE", field.name() + " must be a date like 2024-03-31, got '" + clip(value) + "'");
    }

    private static String timestamp(FieldSpec field, String value, ParseOptions options) throws InvalidValue {
        LocalDateTime yearLast = YearLastDates.read(field, value, options.dateOrder(), "NOT_A_TIMESTAMP", true);
        if (yearLast != null) {
            return local(yearLast, options);
        }
        String numeric = NumericTimestamps.read(value, options.timeZone());
        if (numeric != null) {
            return numeric;
        }
        try {
            return OffsetDateTime.parse(value).toString();
        } catch (DateTimeParseException ignored) {
            // not an instant with an offset; try local date-times below
        }
        for (DateTimeFormatter format : DATE_TIMES) {
            try {
                return local(LocalDateTime.parse(value, format), options);
            } catch (DateTimeParseException ignored) {
                // try the next accepted format
            }
        }
        try {
            return local(LocalDate.parse(value).atStartOfDay(), options);
        } catch (DateTimeParseException e) {
            throw new InvalidValue("NOT_A_TIMESTAMP",
                    field.name() + " must be a date-time like 2024-03-31 14:05:00, got '" + clip(value) + "'");
        }
    }

    /** A date-time without an offset: as it is, or in the job's time zone (a time a clock change skips moves on). */
    private static String local(LocalDateTime time, ParseOptions options) {
        return options.timeZone() == null ? time.toString()
                : time.atZone(options.timeZone()).toOffsetDateTime().toString();
    }

    private static String gtin(FieldSpec field, String value) throws InvalidValue {
        // the usual barcode is all digits: no pattern is run for it (this is per row of a product file)
        if (!asciiDigits(value)) {
            if (SCIENTIFIC_BARCODE.matcher(value).matches()) {
                throw new InvalidValue("BARCODE_SCIENTIFIC_NOTATION", field.name() + " '" + clip(value)
                        + "' is in scientific notation: a spreadsheet turned the barcode into a number and lost digits;"
                        + " format the column as text and export again");
            }
            throw new InvalidValue("BARCODE_NOT_DIGITS", field.name() + " must contain digits only, got '"
                    + clip(value) + "'");
        }
        if (!Gtin.hasGtinLength(value)) {
            throw new InvalidValue("BARCODE_LENGTH", field.name() + " must have 8, 12, 13 or 14 digits, got "
                    + value.length());
        }
        if (!Gtin.checkDigitValid(value)) {
            throw new InvalidValue("BARCODE_CHECK_DIGIT", field.name() + " '" + value + "' has a wrong check digit");
        }
        return value;
    }

    /** What {@code \\d+} matches: one or more of 0-9. */
    private static boolean asciiDigits(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String email(FieldSpec field, String value) throws InvalidValue {
        if (value.length() > 320 || !EMAIL.matcher(value).matches()) {
            throw new InvalidValue("NOT_AN_EMAIL", field.name() + " must be an e-mail address, got '" + clip(value) + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String url(FieldSpec field, String value) throws InvalidValue {
        if (value.length() > 2048 || !URL.matcher(value).matches()) {
            throw new InvalidValue("NOT_A_URL", field.name() + " must be an http(s) URL, got '" + clip(value) + "'");
        }
        return value;
    }

    /** Three letters of a currency ISO 4217 knows (as the JDK's table has them), any case: {@code eur} is EUR. */
    private static String currency(FieldSpec field, String value) throws InvalidValue {
        String code = value.toUpperCase(Locale.ROOT);
        if (!CURRENCY_CODE.matcher(code).matches()) {
            throw new InvalidValue("NOT_A_CURRENCY", field.name() + " must be an ISO 4217 code of three letters,"
                    + " like EUR, got '" + clip(value) + "'");
        }
        try {
            java.util.Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidValue("NOT_A_CURRENCY", field.name() + " '" + clip(value)
                    + "' is no ISO 4217 currency code");
        }
        return code;
    }

    static String clip(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
