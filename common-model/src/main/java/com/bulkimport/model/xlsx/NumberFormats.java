package com.bulkimport.model.xlsx;

import java.util.Locale;

/**
 * What a cell's number format says about its value: a date (or time), scientific notation, or a plain
 * number. Excel stores a date as a day count; only the format tells it apart from a number.
 */
final class NumberFormats {

    private NumberFormats() {
    }

    /** Excel's built-in date and time formats, which workbooks reference by id without writing them out. */
    static boolean isBuiltInDate(int id) {
        return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
    }

    /** Built-in 45-47 and 18-21 are times of day (or durations), without a date part. */
    static boolean isBuiltInTimeOnly(int id) {
        return (id >= 18 && id <= 21) || (id >= 45 && id <= 47);
    }

    static boolean isDate(Integer id, String format) {
        if (id != null && isBuiltInDate(id)) {
            return true;
        }
        String tokens = tokens(format);
        for (int i = 0; i < tokens.length(); i++) {
            switch (tokens.charAt(i)) {
                case 'y', 'm', 'd', 'h', 's' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** A time format (h, s, or the elapsed [h]) without y or d: the value is shown as a time of day. */
    static boolean isTimeOnly(Integer id, String format) {
        if (id != null && isBuiltInTimeOnly(id)) {
            return true;
        }
        String tokens = tokens(format);
        return !tokens.isEmpty() && (tokens.indexOf('h') >= 0 || tokens.indexOf('s') >= 0)
                && tokens.indexOf('y') < 0 && tokens.indexOf('d') < 0;
    }

    /** {@code 0.00E+00} and its kind: the cell is shown in scientific notation. */
    static boolean isScientific(Integer id, String format) {
        if (id != null && (id == 11 || id == 48)) {
            return true;
        }
        String tokens = tokens(format);
        return tokens.contains("e+") || tokens.contains("e-");
    }

    /**
     * The format's letters that mean something, lower case: quoted text, escaped characters, colours and
     * locales in brackets are dropped (the elapsed-time brackets {@code [h] [mm] [ss]} keep their letter);
     * only the first section (positive numbers) counts.
     */
    private static String tokens(String format) {
        if (format == null || format.isEmpty() || format.equalsIgnoreCase("General")) {
            return "";
        }
        StringBuilder out = new StringBuilder(format.length());
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == ';') {
                break;
            }
            if (c == '"') {
                int close = format.indexOf('"', i + 1);
                i = close < 0 ? format.length() : close;
            } else if (c == '\\' || c == '_' || c == '*') {
                i++; // an escaped character, or the padding character after _ and *
            } else if (c == '[') {
                int close = format.indexOf(']', i + 1);
                String inside = close < 0 ? "" : format.substring(i + 1, close).toLowerCase(Locale.ROOT);
                if (inside.matches("h+|m+|s+")) {
                    out.append(inside.charAt(0));
                }
                i = close < 0 ? format.length() : close;
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
