package com.bulkimport.relay.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One claimed outbox row; {@code payload} is the event envelope as JSON.
 *
 * @param seq         creation order (per aggregate, the order consumers of ordered transports see)
 * @param committedAt when the row's transaction committed (its insert time where PostgreSQL does not
 *                    track commit timestamps); commit → publish latency starts here
 * @param location    the row's physical address ({@code ctid}) as the claim locked it, which holds while the
 *                    claim's lock does; null for a message never stored
 */
public record OutboxMessage(UUID id, String aggregateType, String aggregateId, String type, String payload,
                            String traceId, int attempts, Instant createdAt, long seq, Instant committedAt,
                            String location) {

    /** A message that was never stored (for publishers' own tests and tools). */
    public static OutboxMessage of(UUID id, String aggregateType, String aggregateId, String type, String payload,
                                   String traceId) {
        Instant now = Instant.now();
        return new OutboxMessage(id, aggregateType, aggregateId, type, payload, traceId, 0, now, 0, now, null);
    }
}
