package com.bulkimport.model.xlsx;

import org.dhatim.fastexcel.reader.Cell;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A cell as the text a CSV export would have held, so every field parses as it does from a CSV:
 * strings as they are, booleans {@code true}/{@code false}, dates ISO 8601, formulas their cached value,
 * errors as Excel shows them ({@code #DIV/0!}). Numbers keep their exact digits where Excel has them:
 * Excel keeps 15 significant digits, so an integer of more digits has lost some, and a cell formatted
 * in scientific notation shows a rounded value. Both come out in scientific notation, which a barcode
 * refuses (BARCODE_SCIENTIFIC_NOTATION) exactly as it does in a CSV the spreadsheet exported.
 */
final class CellText {

    /** Excel's precision: every number it stores is shown with at most this many significant digits. */
    static final int EXCEL_DIGITS = 15;
    private static final MathContext EXCEL = new MathContext(EXCEL_DIGITS, RoundingMode.HALF_EVEN);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final boolean date1904;

    CellText(boolean date1904) {
        this.date1904 = date1904;
    }

    String of(Cell cell) {
        if (cell == null) {
            return "";
        }
        Object value = cell.getValue();
        return switch (cell.getType()) {
            case EMPTY -> "";
            case STRING -> value == null ? "" : unescape(value.toString());
            case BOOLEAN -> bool(value, cell.getRawValue());
            case ERROR -> cell.getRawValue() == null ? "" : cell.getRawValue();
            case NUMBER -> number(cell.getRawValue(), cell);
            case FORMULA -> cached(value, cell);
        };
    }

    /** A formula's value as Excel last computed it (a workbook never recalculated has none: empty). */
    private String cached(Object value, Cell cell) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal number) {
            return number(number.toString(), cell);
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return unescape(value.toString());
    }

    /**
     * A string as written, its characters XML cannot hold decoded: Excel writes each as {@code _xHHHH_} (the UTF-16
     * code unit in hex), a carriage return of a cell's line break as {@code _x000D_} above all, and an underscore
     * that would start such a run as {@code _x005F_}. fastexcel hands them on as they stand, so a description typed on
     * Windows read {@code "line one_x000D_\nline two"}. One pass from left to right, as Excel reads them back: in
     * {@code _x005F_x000D_} the first run is an underscore, the text after it is left as it is.
     */
    static String unescape(String text) {
        int at = text.indexOf("_x");
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (at >= 0) {
            if (at + 7 <= text.length() && text.charAt(at + 6) == '_' && isHex(text, at + 2, at + 6)) {
                out.append(text, copied, at).append((char) Integer.parseInt(text.substring(at + 2, at + 6), 16));
                copied = at + 7;
                at = text.indexOf("_x", copied);
            } else {
                at = text.indexOf("_x", at + 1);
            }
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String bool(Object value, String raw) {
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return "1".equals(raw) ? "true" : "0".equals(raw) ? "false" : raw == null ? "" : raw;
    }

    private String number(String raw, Cell cell) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        BigDecimal value;
        try {
            value = new BigDecimal(raw.strip());
        } catch (NumberFormatException e) {
            return raw; // not a number after all: what the file holds, for the field to judge
        }
        Integer id = cell.getDataFormatId();
        String format = cell.getDataFormatString();
        if (NumberFormats.isDate(id, format)) {
            return date(value, NumberFormats.isTimeOnly(id, format));
        }
        if (NumberFormats.isScientific(id, format)) {
            return scientific(value);
        }
        return plain(value);
    }

    /** Exact digits when Excel has them all; scientific notation when it cannot have (more than 15 digits). */
    static String plain(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            String digits = stripped.toBigInteger().abs().toString();
            return digits.length() > EXCEL_DIGITS ? scientific(value) : stripped.toBigInteger().toString();
        }
        // a fraction: the binary double behind it (0.30000000000000004) shown as Excel shows it (0.3)
        BigDecimal shown = value.round(EXCEL).stripTrailingZeros();
        if (shown.precision() - shown.scale() > EXCEL_DIGITS) {
            return scientific(value);
        }
        return shown.toPlainString();
    }

    /** {@code 4.00638133393E+12}: Excel's notation, 15 significant digits at most. */
    static String scientific(BigDecimal value) {
        BigDecimal shown = value.round(EXCEL).stripTrailingZeros();
        if (shown.signum() == 0) {
            return "0E+00";
        }
        String digits = shown.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shown.scale();
        StringBuilder out = new StringBuilder();
        if (shown.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('E').append(exponent < 0 ? '-' : '+');
        String power = Integer.toString(Math.abs(exponent));
        out.append(power.length() < 2 ? "0" + power : power);
        return out.toString();
    }

    /** A day count as ISO 8601: a date, a date and time, or a time of day. */
    private String date(BigDecimal serial, boolean timeOnly) {
        long millis = serial.multiply(BigDecimal.valueOf(MILLIS_PER_DAY)).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        long days = Math.floorDiv(millis, MILLIS_PER_DAY);
        long inDay = Math.floorMod(millis, MILLIS_PER_DAY);
        LocalDate base;
        if (date1904) {
            base = LocalDate.of(1904, 1, 1);
        } else {
            // Excel counts a 29 February 1900 that never was (Lotus's bug): from serial 61 on, one day less
            base = days < 61 ? LocalDate.of(1899, 12, 31) : LocalDate.of(1899, 12, 30);
        }
        LocalDateTime at = base.plusDays(days).atStartOfDay().plusNanos(inDay * 1_000_000L);
        if (timeOnly && days == 0) {
            String time = at.toLocalTime().format(DateTimeFormatter.ofPattern(inDay % 1000 == 0 ? "HH:mm:ss"
                    : "HH:mm:ss.SSS"));
            return time;
        }
        if (inDay == 0) {
            return at.toLocalDate().toString();
        }
        return at.format(inDay % 1000 == 0 ? SECONDS : MILLIS);
    }
}
