package com.bulkimport.relay.publish;

import com.bulkimport.relay.outbox.OutboxMessage;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The entry's Source, which the shared rule file matches on, read from the envelope without building it. */
class EventBridgeSourceUnitTest {

    private static String source(String payload) {
        return EventBridgePublisher.sourceOf(OutboxMessage.of(UUID.randomUUID(), "product", "1", "PRODUCT_CREATED",
                payload, "trace"));
    }

    @Test
    void readsTheSourceThatAJsonbColumnWritesFirst() {
        assertThat(source("""
                {"source": "bulk-import.batch-worker", "status": "CREATED", "payload": {"source": "inner"}}"""))
                .isEqualTo("bulk-import.batch-worker");
    }

    @Test
    void findsTheSourceAfterNestedObjectsAndArraysWithoutTakingANestedOne() {
        assertThat(source("""
                {"payload": {"source": "inner", "record": {"tags": [{"source": "deeper"}, 1, null]}},
                 "list": ["source"], "source": "bulk-import.import-api"}"""))
                .isEqualTo("bulk-import.import-api");
    }

    @Test
    void fallsBackToTheServiceNameWhenTheSourceIsMissingBlankOrNotText() {
        assertThat(source("{\"payload\": {\"source\": \"inner\"}}")).isEqualTo("bulk-import");
        assertThat(source("{\"source\": \"  \"}")).isEqualTo("bulk-import");
        assertThat(source("{\"source\": 12}")).isEqualTo("bulk-import");
        assertThat(source("{\"source\": {\"name\": \"x\"}}")).isEqualTo("bulk-import");
    }

    @Test
    void fallsBackToTheServiceNameForWhatIsNotAJsonObject() {
        assertThat(source("[\"source\", \"x\"]")).isEqualTo("bulk-import");
        assertThat(source("not json")).isEqualTo("bulk-import");
        assertThat(source("{\"payload\": {\"unclosed\": ")).isEqualTo("bulk-import");
        assertThat(source("")).isEqualTo("bulk-import");
    }
}
