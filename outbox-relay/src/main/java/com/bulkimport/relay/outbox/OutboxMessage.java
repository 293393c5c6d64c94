package com.bulkimport.relay.outbox;

import java.time.Instant;
import java.util.UUID;

/** One claimed outbox row; {@code payload} is the event envelope as JSON. */
public record OutboxMessage(UUID id, String aggregateType, String aggregateId, String type, String payload,
                            String traceId, int attempts, Instant createdAt) {
}
