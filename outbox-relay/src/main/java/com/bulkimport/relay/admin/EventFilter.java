package com.bulkimport.relay.admin;

import org.springframework.boot.convert.DurationStyle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which outbox events an operator means: by status, type and age (how long ago they were written).
 * Parsed from request text, so a bad value becomes a 400 that names it, never a 500.
 *
 * @param olderThan only events written more than this long ago
 * @param newerThan only events written less than this long ago
 */
record EventFilter(String status, String type, Duration olderThan, Duration newerThan) {

    static final Set<String> STATUSES = Set.of("PENDING", "PUBLISHED", "DEAD");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    static EventFilter parse(String status, String type, String olderThan, String newerThan) {
        String normalizedStatus = blank(status) ? null : status.trim().toUpperCase(java.util.Locale.ROOT);
        if (normalizedStatus != null && !STATUSES.contains(normalizedStatus)) {
            throw new AdminProblem.InvalidRequest("status must be one of PENDING, PUBLISHED, DEAD, got '" + status + "'");
        }
        if (!blank(type) && !TYPE.matcher(type.trim()).matches()) {
            throw new AdminProblem.InvalidRequest("type must be an event type such as IMPORT_BATCH_READY, got '"
                    + type + "'");
        }
        return new EventFilter(normalizedStatus, blank(type) ? null : type.trim(), age("older_than", olderThan),
                age("newer_than", newerThan));
    }

    EventFilter withStatus(String newStatus) {
        return new EventFilter(newStatus, type, olderThan, newerThan);
    }

    /** Accepts ISO-8601 ({@code PT1H}) and the short form ({@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}). */
    private static Duration age(String name, String text) {
        if (blank(text)) {
            return null;
        }
        Duration age;
        try {
            age = DurationStyle.detectAndParse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new AdminProblem.InvalidRequest(name + " must be a duration such as 15m, 2h, 7d or PT1H, got '"
                    + text + "'");
        }
        if (age.isNegative()) {
            throw new AdminProblem.InvalidRequest(name + " must not be negative, got '" + text + "'");
        }
        return age;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The WHERE clause and its named parameters. */
    record Sql(String where, Map<String, Object> params) {
    }

    Sql sql() {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (status != null) {
            conditions.add("status = :status");
            params.put("status", status);
        }
        if (type != null) {
            conditions.add("type = :type");
            params.put("type", type);
        }
        if (olderThan != null) {
            conditions.add("created_at < now() - make_interval(secs => :olderThan)");
            params.put("olderThan", olderThan.toMillis() / 1000.0);
        }
        if (newerThan != null) {
            conditions.add("created_at >= now() - make_interval(secs => :newerThan)");
            params.put("newerThan", newerThan.toMillis() / 1000.0);
        }
        return new Sql(conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions), params);
    }
}
