package com.bulkimport.model.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The one event format on every transport (snake_case on the wire, see {@link EventCodec}).
 * {@code status} tells consumers the outcome the event reports, e.g. {@code SUCCESS} or {@code FAILED}.
 */
public record EventEnvelope(
        UUID eventId,
        Instant timestamp,
        String eventType,
        String source,
        String version,
        String traceId,
        String status,
        Map<String, Object> payload) {

    public static final String CURRENT_VERSION = "1.0";

    public EventEnvelope {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(eventType, "event_type");
        Objects.requireNonNull(source, "source");
        payload = payload == null ? Map.of() : Map.copyOf(payload);
    }

    /** A fresh event with a new id and the current time (microsecond precision, as PostgreSQL stores it). */
    public static EventEnvelope of(EventType type, String source, String traceId, String status,
                                   Map<String, Object> payload) {
        return new EventEnvelope(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                type.name(), source, CURRENT_VERSION, traceId, status, payload);
    }

    /** A payload value as text, or null when absent. */
    public String payloadText(String key) {
        Object value = payload.get(key);
        return value == null ? null : value.toString();
    }
}
