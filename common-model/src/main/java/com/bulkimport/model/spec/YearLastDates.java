package com.bulkimport.model.spec;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;

/**
 * Dates with the year last and the time as spreadsheets export them: {@code 12/1/2010 8:26} (Excel, United States),
 * {@code 01/12/2010 08:26:00} (United Kingdom, France), {@code 1.12.2010 8:26} (Germany), {@code 12-01-2010},
 * {@code 12/1/2010 8:26:05 PM}. Day and month are 1 or 2 digits with the same separator ({@code /}, {@code .} or
 * {@code -}) between them and the year of 4 digits; the time is {@code H:mm}, {@code H:mm:ss} or with a fraction
 * of a second, on a 24-hour clock or with AM/PM. Read by hand, so that a refusal can say what is wrong.
 */
final class YearLastDates {

    /** The parts of a date-time text, before its day and month are told apart. */
    private record Parts(int first, int second, int year, char separator, LocalTime time) {
    }

    private YearLastDates() {
    }

    /**
     * @return the date-time, or null when the text is not written this way at all (another reader may know it)
     * @throws InvalidValue when it is written this way but is no date: day and month undeclared (slashes,
     *                      dashes), impossible under the order, a year of two digits, an hour past the clock
     */
    static LocalDateTime read(FieldSpec field, String value, DateOrder declared, String code, boolean withTime)
            throws InvalidValue {
        Parts parts = parts(value, withTime);
        if (parts == null) {
            return null;
        }
        if (parts.year < 0) {
            throw new InvalidValue(code, field.name() + " '" + ValueParser.clip(value)
                    + "' has a year of two digits: write it with four (Excel: format the column as a date with yyyy)");
        }
        DateOrder order = declared != null ? declared : parts.separator == '.' ? DateOrder.DMY : null;
        if (order == null) {
            throw undeclared(field, value, parts, code);
        }
        int month = order == DateOrder.MDY ? parts.first : parts.second;
        int day = order == DateOrder.MDY ? parts.second : parts.first;
        try {
            return LocalDate.of(parts.year, month, day).atTime(parts.time);
        } catch (DateTimeException e) {
            throw new InvalidValue(code, field.name() + " '" + ValueParser.clip(value) + "' is no date read "
                    + order.wording());
        }
    }

    private static InvalidValue undeclared(FieldSpec field, String value, Parts parts, String code) {
        String got = field.name() + " '" + ValueParser.clip(value) + "' writes the year last";
        if (parts.first > 12 && parts.second <= 12) {
            return new InvalidValue(code, got + ", day first: declare date_order DMY for this import");
        }
        if (parts.second > 12 && parts.first <= 12) {
            return new InvalidValue(code, got + ", month first: declare date_order MDY for this import");
        }
        return new InvalidValue(code, got + "; is it month/day (as United States spreadsheets write dates) or"
                + " day/month? declare date_order MDY or DMY for this import");
    }

    /** @return the parts, {@code year} -1 for a year of two digits; null when the text is not of this shape */
    private static Parts parts(String value, boolean withTime) {
        Cursor at = new Cursor(value);
        int first = at.digits(1, 2);
        if (first < 0 || at.end()) {
            return null;
        }
        char separator = at.next();
        if (separator != '/' && separator != '.' && separator != '-') {
            return null;
        }
        int second = at.digits(1, 2);
        if (second < 0 || at.end() || at.next() != separator) {
            return null;
        }
        int start = at.position;
        int year = at.digits(2, 4);
        int yearDigits = at.position - start;
        if (year < 0 || yearDigits == 3) {
            return null;
        }
        LocalTime time = LocalTime.MIDNIGHT;
        if (!at.end()) {
            if (!withTime) {
                return null;
            }
            char gap = at.next();
            if (gap != ' ' && gap != 'T') {
                return null;
            }
            time = time(at);
            if (time == null) {
                return null;
            }
        }
        return new Parts(first, second, yearDigits == 2 ? -1 : year, separator, time);
    }

    /** H:mm, H:mm:ss or H:mm:ss.fraction, then perhaps AM or PM; null when it is not a time at all. */
    private static LocalTime time(Cursor at) {
        int hour = at.digits(1, 2);
        if (hour < 0 || at.end() || at.next() != ':') {
            return null;
        }
        int minute = at.digits(2, 2);
        if (minute < 0) {
            return null;
        }
        int second = 0;
        int nanos = 0;
        if (at.peek() == ':') {
            at.next();
            second = at.digits(2, 2);
            if (second < 0) {
                return null;
            }
            if (at.peek() == '.' || at.peek() == ',') {
                at.next();
                int start = at.position;
                int fraction = at.digits(1, 9);
                if (fraction < 0) {
                    return null;
                }
                nanos = fraction * (int) Math.pow(10, 9 - (at.position - start));
            }
        }
        String rest = at.rest().trim().replace(".", "").toUpperCase(Locale.ROOT);
        if (!rest.isEmpty()) {
            if (!rest.equals("AM") && !rest.equals("PM") || hour < 1 || hour > 12) {
                return null;
            }
            hour = hour % 12 + (rest.equals("PM") ? 12 : 0);
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return LocalTime.of(hour, minute, second, nanos);
    }

    /** A position in the text, read forward. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        boolean end() {
            return position >= text.length();
        }

        char next() {
            return text.charAt(position++);
        }

        char peek() {
            return end() ? 0 : text.charAt(position);
        }

        String rest() {
            return text.substring(position);
        }

        /** @return the number of min..max ASCII digits here (as many as there are, up to max), or -1 */
        int digits(int min, int max) {
            int start = position;
            int number = 0;
            while (!end() && position - start < max && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
                number = number * 10 + text.charAt(position++) - '0';
            }
            if (position - start < min || !end() && Character.isDigit(text.charAt(position))) {
                position = start;
                return -1;
            }
            return number;
        }
    }
}
