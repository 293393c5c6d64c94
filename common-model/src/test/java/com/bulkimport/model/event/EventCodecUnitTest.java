package com.bulkimport.model.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecUnitTest {

    @Test
    void writesSnakeCaseWithEveryEnvelopeField() {
        EventEnvelope event = new EventEnvelope(UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
                Instant.parse("2026-01-02T03:04:05.123456Z"), "IMPORT_JOB_STARTED", "bulk-import.import-api", "1.0",
                "4bf92f3577b34da6a3ce929d0e0e4736", "PENDING", Map.of("job_id", "j-1"));

        String json = EventCodec.encode(event);

        assertThat(json).isEqualTo("{\"event_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\","
                + "\"timestamp\":\"2026-01-02T03:04:05.123456Z\",\"event_type\":\"IMPORT_JOB_STARTED\","
                + "\"source\":\"bulk-import.import-api\",\"version\":\"1.0\","
                + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"status\":\"PENDING\","
                + "\"payload\":{\"job_id\":\"j-1\"}}");
    }

    @Test
    void roundTripsNestedPayloads() {
        EventEnvelope event = EventEnvelope.of(EventType.IMPORT_BATCH_READY, "bulk-import.batch-worker", "t",
                "READY", Map.of("seq", 3, "rows", List.of("a", "b"), "nested", Map.of("k", true)));

        EventEnvelope back = EventCodec.decode(EventCodec.encode(event));

        assertThat(back).isEqualTo(event);
        assertThat(back.payloadText("seq")).isEqualTo("3");
    }

    @Test
    void ignoresUnknownFieldsFromNewerProducers() {
        EventEnvelope back = EventCodec.decode("{\"event_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\","
                + "\"timestamp\":\"2026-01-02T03:04:05Z\",\"event_type\":\"X\",\"source\":\"s\",\"extra\":1}");
        assertThat(back.eventType()).isEqualTo("X");
        assertThat(back.payload()).isEmpty();
    }

    @Test
    void refusesTextThatIsNotAnEnvelope() {
        assertThatThrownBy(() -> EventCodec.decode("not json")).isInstanceOf(EventCodec.MalformedEvent.class);
        assertThatThrownBy(() -> EventCodec.decode("{\"event_type\":\"X\"}"))
                .isInstanceOf(EventCodec.MalformedEvent.class);
    }
}
