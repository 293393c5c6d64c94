package com.bulkimport.relay.publish;

import java.util.UUID;

/** What became of one message. */
public record PublishOutcome(UUID id, Status status, String error) {

    public enum Status {
        /** The transport has it. */
        PUBLISHED,
        /** Nobody takes it (its audience has no destination): not sent, and marked published all the same. */
        UNROUTED,
        /** This message failed (throttled, a per-entry error): retry it later, counting an attempt. */
        RETRY,
        /** It can never succeed (too large, rejected as invalid): DEAD at once, so it blocks nothing. */
        REJECTED,
        /** The transport could not be reached at all: not the message's fault, no attempt counted. */
        UNAVAILABLE,
        /** Not sent, to keep its aggregate's order behind an earlier message that failed. */
        HELD
    }

    public static PublishOutcome ok(UUID id) {
        return new PublishOutcome(id, Status.PUBLISHED, null);
    }

    public static PublishOutcome unrouted(UUID id) {
        return new PublishOutcome(id, Status.UNROUTED, null);
    }

    public static PublishOutcome retry(UUID id, String error) {
        return new PublishOutcome(id, Status.RETRY, error);
    }

    public static PublishOutcome dead(UUID id, String error) {
        return new PublishOutcome(id, Status.REJECTED, error);
    }

    public static PublishOutcome unavailable(UUID id, String error) {
        return new PublishOutcome(id, Status.UNAVAILABLE, error);
    }

    public static PublishOutcome held(UUID id, String reason) {
        return new PublishOutcome(id, Status.HELD, reason);
    }

    public boolean published() {
        return status == Status.PUBLISHED;
    }
}
