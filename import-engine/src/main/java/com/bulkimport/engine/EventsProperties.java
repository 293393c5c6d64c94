package com.bulkimport.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bulkimport.events.*}: how this service signs the events it writes.
 *
 * @param source the envelope's {@code source} (and EventBridge's), e.g. {@code bulk-import.batch-worker};
 *               the routing rules in infra/event-rules.json match on it
 */
@ConfigurationProperties("bulkimport.events")
public record EventsProperties(String source) {

    public EventsProperties {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("bulkimport.events.source must name this service's event source");
        }
    }
}
