package com.bulkimport.model.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decimals rounded to their field's scale, said once per column on the job:
 * {@code column 'Latitude' (latitude): 8,765 values rounded to 7 decimal places}. A file's ingest commits
 * chunk by chunk, so the counts are added into the job's stored warnings ({@link #merge}), which keeps them
 * right across a resumed ingest too.
 *
 * @param source the column (CSV header or JSON key) the values came from, or null when from the field's default
 * @param count  values of imported rows that changed by the rounding
 */
public record RoundedValues(String source, FieldSpec field, long count) {

    private static final Pattern COUNT = Pattern.compile("([0-9,]+) values? rounded to \\d+ decimal places?");

    /**
     * @param sourceWord what a source is called in the warning: {@code column} for files, {@code key} for inline rows
     * @return the warnings with these counts added (to a warning of the same column, or as a new one at the end)
     */
    public static List<String> merge(List<String> warnings, List<RoundedValues> rounded, String sourceWord) {
        List<String> merged = new ArrayList<>(warnings);
        for (RoundedValues more : rounded) {
            String prefix = more.prefix(sourceWord);
            int at = -1;
            long before = 0;
            for (int i = 0; i < merged.size(); i++) {
                Matcher count = COUNT.matcher(merged.get(i));
                if (merged.get(i).startsWith(prefix) && count.region(prefix.length(), merged.get(i).length()).matches()) {
                    at = i;
                    before = Long.parseLong(count.group(1).replace(",", ""));
                    break;
                }
            }
            String warning = prefix + more.sentence(before + more.count);
            if (at >= 0) {
                merged.set(at, warning);
            } else {
                merged.add(warning);
            }
        }
        return merged;
    }

    private String prefix(String sourceWord) {
        return source == null ? "the default of " + field.name() + ": "
                : sourceWord + " '" + source + "' (" + field.name() + "): ";
    }

    private String sentence(long total) {
        return String.format(Locale.ROOT, "%,d value%s rounded to %d decimal place%s", total, total == 1 ? "" : "s",
                field.scale(), field.scale() == 1 ? "" : "s");
    }
}
