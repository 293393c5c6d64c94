package com.bulkimport.model.spec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Timestamps written as numbers, told apart by their size, which never overlap for the years 1970 to 2099:
 * <ul>
 *   <li>a spreadsheet's date serial, days since 30 December 1899 with the time as the fraction ({@code 40513.3513888889}
 *   is 2010-12-01 08:26): what a CSV holds when the column lost its date format, or an .xlsx number cell without
 *   one. Read as local time, as the sheet shows it, to the millisecond (a spreadsheet's precision);</li>
 *   <li>Unix time in seconds ({@code 1291191960}, 9 or 10 digits) or milliseconds (12 or 13 digits), as programs and
 *   APIs export it: an instant, in UTC.</li>
 * </ul>
 */
final class NumericTimestamps {

    private static final Pattern SERIAL = Pattern.compile("\\d{5}(\\.\\d{1,15})?");
    private static final Pattern EPOCH = Pattern.compile("\\d{9,10}|\\d{12,13}");
    /** 1970-01-01 and 2100-01-01 as serials: the range whose serials have five digits and mean nothing else. */
    private static final BigDecimal FIRST_SERIAL = BigDecimal.valueOf(25_569);
    private static final BigDecimal END_SERIAL = BigDecimal.valueOf(73_051);
    private static final LocalDateTime SERIAL_ZERO = LocalDateTime.of(1899, 12, 30, 0, 0);
    private static final BigDecimal MILLIS_A_DAY = BigDecimal.valueOf(86_400_000L);

    private NumericTimestamps() {
    }

    /**
     * @param zone where a serial's local time was (null: left local); Unix time is an instant, whatever the zone
     * @return the timestamp as ISO 8601, or null when the text is no such number
     */
    static String read(String value, java.time.ZoneId zone) {
        if (SERIAL.matcher(value).matches()) {
            BigDecimal serial = new BigDecimal(value);
            if (serial.compareTo(FIRST_SERIAL) < 0 || serial.compareTo(END_SERIAL) >= 0) {
                return null;
            }
            long millis = serial.multiply(MILLIS_A_DAY).setScale(0, RoundingMode.HALF_UP).longValueExact();
            LocalDateTime local = SERIAL_ZERO.plusNanos(millis * 1_000_000L);
            return zone == null ? local.toString() : local.atZone(zone).toOffsetDateTime().toString();
        }
        if (EPOCH.matcher(value).matches()) {
            long number = Long.parseLong(value);
            Instant instant = value.length() <= 10 ? Instant.ofEpochSecond(number) : Instant.ofEpochMilli(number);
            if (instant.isBefore(Instant.EPOCH) || instant.atOffset(ZoneOffset.UTC).getYear() >= 2100) {
                return null;
            }
            return instant.atOffset(ZoneOffset.UTC).toString();
        }
        return null;
    }
}
