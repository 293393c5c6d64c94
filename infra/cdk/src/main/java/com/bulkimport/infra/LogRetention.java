package com.bulkimport.infra;

import software.amazon.awscdk.services.logs.RetentionDays;

import java.util.Map;
import java.util.TreeMap;

/** Days of log retention as CloudWatch Logs accepts them (it takes only these values). */
public final class LogRetention {

    private static final Map<Integer, RetentionDays> DAYS = new TreeMap<>(Map.ofEntries(
            Map.entry(1, RetentionDays.ONE_DAY), Map.entry(3, RetentionDays.THREE_DAYS),
            Map.entry(5, RetentionDays.FIVE_DAYS), Map.entry(7, RetentionDays.ONE_WEEK),
            Map.entry(14, RetentionDays.TWO_WEEKS), Map.entry(30, RetentionDays.ONE_MONTH),
            Map.entry(60, RetentionDays.TWO_MONTHS), Map.entry(90, RetentionDays.THREE_MONTHS),
            Map.entry(120, RetentionDays.FOUR_MONTHS), Map.entry(150, RetentionDays.FIVE_MONTHS),
            Map.entry(180, RetentionDays.SIX_MONTHS), Map.entry(365, RetentionDays.ONE_YEAR),
            Map.entry(400, RetentionDays.THIRTEEN_MONTHS), Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
            Map.entry(731, RetentionDays.TWO_YEARS), Map.entry(1096, RetentionDays.THREE_YEARS),
            Map.entry(1827, RetentionDays.FIVE_YEARS), Map.entry(2192, RetentionDays.SIX_YEARS),
            Map.entry(2557, RetentionDays.SEVEN_YEARS), Map.entry(2922, RetentionDays.EIGHT_YEARS),
            Map.entry(3288, RetentionDays.NINE_YEARS), Map.entry(3653, RetentionDays.TEN_YEARS)));

    private LogRetention() {
    }

    public static RetentionDays of(int days) {
        RetentionDays retention = DAYS.get(days);
        if (retention == null) {
            throw new IllegalArgumentException("logRetentionDays " + days + " is not a retention CloudWatch Logs offers: one of "
                    + DAYS.keySet());
        }
        return retention;
    }
}
