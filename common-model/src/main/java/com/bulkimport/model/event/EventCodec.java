package com.bulkimport.model.event;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes {@link EventEnvelope} as snake_case JSON. Thread-safe. */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

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

    /** The event could not be decoded; consumers send such messages to their dead letters. */
    public static final class MalformedEvent extends RuntimeException {
        public MalformedEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
