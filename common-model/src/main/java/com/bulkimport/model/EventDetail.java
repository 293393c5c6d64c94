package com.bulkimport.model;

import java.util.Locale;
import java.util.Optional;

/**
 * How much an import tells the systems around it (the job option {@code events}): an event per
 * created or updated record, one summary per batch, or nothing but the job's own events.
 */
public enum EventDetail {
    RECORDS, SUMMARY, NONE;

    /** Accepts {@code records}, {@code summary}, {@code none} in any case; null or blank is the default, RECORDS. */
    public static Optional<EventDetail> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(RECORDS);
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        for (EventDetail detail : values()) {
            if (detail.name().equals(wanted)) {
                return Optional.of(detail);
            }
        }
        return Optional.empty();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
