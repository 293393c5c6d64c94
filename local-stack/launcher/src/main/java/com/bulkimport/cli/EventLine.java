package com.bulkimport.cli;

import com.bulkimport.model.event.EventType;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One event envelope as one line a person scans: time (to the second), type, then what it is about. A record
 * event names its record ({@code restaurant 42 }) and a shortened job id, since thousands of them share
 * one job; a job's event names the whole id, to paste into {@code status} or {@code errors}. The tenant is
 * not repeated: a session only receives its own tenant's events.
 */
final class EventLine {

    private EventLine() {
    }

    static String of(JsonNode envelope) {
        String type = envelope.path("event_type").asString("?");
        JsonNode payload = envelope.path("payload");
        StringBuilder line = new StringBuilder(time(envelope.path("timestamp").asString(""))).append(' ').append(type);
        Optional<String> record = EventType.named(type).flatMap(EventType::recordName);
        if (record.isPresent()) {
            line.append(' ').append(record.get()).append(' ').append(payload.path("record_id").asString("?"));
            text(payload, "external_key").ifPresent(key -> line.append(" (").append(key).append(')'));
            if (payload.path("changes").isObject()) {
                line.append(" changed ").append(String.join(", ", payload.path("changes").propertyNames()));
            }
            text(payload, "job_id").ifPresent(job -> line.append(" job ").append(shortId(job)));
            return line.toString();
        }
        text(payload, "job_id").ifPresent(job -> line.append(" job ").append(job));
        text(payload, "kind").ifPresent(kind -> line.append(' ').append(kind));
        line.append(about(type, envelope.path("status").asString(""), payload));
        return line.toString();
    }

    private static String about(String type, String status, JsonNode payload) {
        return switch (type) {
            case "IMPORT_JOB_CREATED" -> text(payload, "file_name").map(name -> " " + name).orElse("");
            case "IMPORT_BATCH_READY" -> " batch " + payload.path("seq").asLong() + ", "
                    + payload.path("row_count").asLong() + " rows";
            case "IMPORT_BATCH_APPLIED" -> " batch " + payload.path("seq").asLong() + ": "
                    + JobCountsText.changes(payload);
            case "IMPORT_JOB_COMPLETED", "IMPORT_JOB_CANCELLED" -> " " + status + ": " + JobCountsText.of(payload);
            case "IMPORT_JOB_PAUSED" -> text(payload, "paused_from").map(from -> " while " + from).orElse("") + ": "
                    + JobCountsText.of(payload) + " so far";
            case "IMPORT_JOB_RESUMED" -> " " + status;
            case "IMPORT_JOB_FAILED" -> " " + status + ": " + JobCountsText.of(payload)
                    + text(payload, "failure_reason").map(reason -> "; " + reason).orElse("");
            default -> "";
        };
    }

    private static String time(String timestamp) {
        try {
            return Instant.parse(timestamp).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return timestamp.isEmpty() ? "?" : timestamp;
        }
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) + "…" : id;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asString());
    }
}
