package com.bulkimport.model.event;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/** Reads and writes {@link EventEnvelope} and {@link EventPayload} records as snake_case JSON. Thread-safe. */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // a flag left out (false) reads back as false
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private EventCodec() {
    }

    public static String encode(EventEnvelope envelope) {
        return MAPPER.writeValueAsString(envelope);
    }

    /**
     * @throws MalformedEvent when the text is not an envelope (bad JSON or a missing required field)
     */
    public static EventEnvelope decode(String json) {
        try {
            return MAPPER.readValue(json, EventEnvelope.class);
        } catch (JacksonException | NullPointerException e) {
            throw new MalformedEvent("not an event envelope: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> toMap(EventPayload payload) {
        return MAPPER.convertValue(payload, MAP);
    }

    /** @throws MalformedEvent when the map does not fit the record (a missing id, a value of the wrong type) */
    static <P extends EventPayload> P fromMap(Map<String, Object> payload, Class<P> type) {
        try {
            return MAPPER.convertValue(payload, type);
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            throw new MalformedEvent("not a " + type.getSimpleName() + " payload: " + e.getMessage(), e);
        }
    }

    /** The event could not be decoded; consumers send such messages to their dead letters. */
    public static final class MalformedEvent extends RuntimeException {
        public MalformedEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
