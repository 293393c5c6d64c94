package com.bulkimport.relay.publish;

import java.util.UUID;

/**
 * What became of one message. {@code permanent} failures (too large, rejected as invalid) will never
 * succeed, so the row goes DEAD at once instead of blocking a retry slot.
 */
public record PublishOutcome(UUID id, boolean published, boolean permanent, String error) {

    public static PublishOutcome ok(UUID id) {
        return new PublishOutcome(id, true, false, null);
    }

    public static PublishOutcome retry(UUID id, String error) {
        return new PublishOutcome(id, false, false, error);
    }

    public static PublishOutcome dead(UUID id, String error) {
        return new PublishOutcome(id, false, true, error);
    }
}
