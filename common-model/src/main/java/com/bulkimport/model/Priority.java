package com.bulkimport.model;

import java.util.Locale;
import java.util.Optional;

/**
 * A job's priority ({@code priority} on the create request, the job and its work events): which work lane its
 * messages travel in. Only an admin may ask for HIGH; NORMAL is the default (docs/architecture.md, Priority and
 * fairness).
 */
public enum Priority {
    HIGH, NORMAL, LOW;

    /** Accepts {@code high}, {@code normal}, {@code low} in any case; null or blank is NORMAL. */
    public static Optional<Priority> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(NORMAL);
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        for (Priority priority : values()) {
            if (priority.name().equals(wanted)) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }

    /** What an event or a stored job says; absent or unknown (an older event) is NORMAL. */
    public static Priority ofWire(String text) {
        return parse(text).orElse(NORMAL);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
