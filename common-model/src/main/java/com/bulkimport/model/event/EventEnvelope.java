package com.bulkimport.model.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The one event format on every transport (snake_case on the wire, see {@link EventCodec}).
 * {@code status} tells consumers the outcome the event reports, e.g. {@code SUCCESS} or {@code FAILED}.
 * The payload travels as a JSON object; producers build it from an {@link EventPayload} record and
 * consumers read it back as one ({@link #payload(Class)}), so no one spells a payload key.
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
    /** The outbox aggregate type of every event about a job (its aggregate id is the job id). */
    public static final String JOB_AGGREGATE = "import_job";

    public EventEnvelope {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(eventType, "event_type");
        Objects.requireNonNull(source, "source");
        payload = payload == null ? Map.of() : Map.copyOf(payload);
    }

    /** A fresh event with a new id and the current time (microsecond precision, as PostgreSQL stores it). */
    public static EventEnvelope of(EventPayload payload, String source, String traceId, String status) {
        return of(payload.type(), source, traceId, status, EventCodec.toMap(payload));
    }

    /** A fresh event with a payload given as a map (tests, and events of other systems). */
    public static EventEnvelope of(EventType type, String source, String traceId, String status,
                                   Map<String, Object> payload) {
        return new EventEnvelope(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                type.name(), source, CURRENT_VERSION, traceId, status, payload);
    }

    /**
     * The payload as the record of this event's type.
     *
     * @throws EventCodec.MalformedEvent when the event is of another type, or its payload does not fit
     */
    public <P extends EventPayload> P payload(Class<P> type) {
        if (!type.equals(EventType.named(eventType).map(EventType::payloadType).orElse(null))) {
            throw new EventCodec.MalformedEvent("a " + eventType + " event has no " + type.getSimpleName()
                    + " payload", null);
        }
        return EventCodec.fromMap(payload, type);
    }

    /** The payload as the record of its type, or null for a type this version does not know or a bad payload. */
    public EventPayload knownPayload() {
        return EventType.named(eventType).map(t -> {
            try {
                return (EventPayload) EventCodec.fromMap(payload, t.payloadType());
            } catch (EventCodec.MalformedEvent e) {
                return null;
            }
        }).orElse(null);
    }

    /** A payload value as text, or null when absent. */
    public String payloadText(String key) {
        Object value = payload.get(key);
        return value == null ? null : value.toString();
    }
}
