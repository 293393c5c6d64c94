package com.bulkimport.api.webhook;

import com.bulkimport.model.event.EventType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The event types an endpoint subscribes to: an {@link EventType} name, {@code PREFIX_*} matching at least one
 * of them, or {@code *} for all. The database matches them the same way (V12's trigger), so the API only
 * accepts patterns that mean something: a typo would otherwise subscribe to nothing, silently.
 */
final class EventPatterns {

    static final int MAX = 50;
    /** An event type, a prefix of one with {@code *}, or {@code *}; the OpenAPI document shows the same pattern. */
    static final String SHAPE_TEXT = "^(\\*|[A-Z][A-Z_]{0,99}\\*?)$";
    /** The longest text {@link #SHAPE_TEXT} matches. */
    static final int MAX_PATTERN_LENGTH = 101;
    private static final Pattern SHAPE = Pattern.compile(SHAPE_TEXT);

    private EventPatterns() {
    }

    /** The patterns without repeats, in the order given; every bad one is named in {@code problems}. */
    static List<String> check(List<String> patterns, List<String> problems) {
        if (patterns == null || patterns.isEmpty()) {
            problems.add("event_types is required: one or more event types, PREFIX_* or *; known types: " + known());
            return List.of();
        }
        if (patterns.size() > MAX) {
            problems.add("event_types has " + patterns.size() + " entries; the limit is " + MAX);
            return List.of();
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String pattern : patterns) {
            if (pattern == null || !SHAPE.matcher(pattern).matches() || !matchesAny(pattern)) {
                problems.add("event_types: '" + shown(pattern) + "' is not an event type, PREFIX_* or *;"
                        + " known types: " + known());
                continue;
            }
            kept.add(pattern);
        }
        return new ArrayList<>(kept);
    }

    static boolean matches(String pattern, String type) {
        return pattern.equals("*") || pattern.equals(type)
                || pattern.endsWith("*") && type.startsWith(pattern.substring(0, pattern.length() - 1));
    }

    private static boolean matchesAny(String pattern) {
        return Arrays.stream(EventType.values()).anyMatch(type -> matches(pattern, type.name()));
    }

    private static String known() {
        return String.join(", ", Arrays.stream(EventType.values()).map(Enum::name).toList());
    }

    private static String shown(String pattern) {
        if (pattern == null) {
            return "null";
        }
        String printable = pattern.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
