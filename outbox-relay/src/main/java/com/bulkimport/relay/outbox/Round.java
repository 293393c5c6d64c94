package com.bulkimport.relay.outbox;

import java.time.Instant;
import java.util.List;

/**
 * What one claim-publish-record round did.
 *
 * @param claimed          rows handed to the transport
 * @param locked           rows locked, with those held back behind another relay's (ordered transports)
 * @param published        with the time each was marked published: sent, or for nobody (unrouted, not sent)
 * @param failed           will be retried (an attempt was counted)
 * @param dead             given up on in this round
 * @param unavailable      not sent because the transport could not be reached (no attempt counted)
 * @param held             not sent to keep an aggregate's order; the next round takes them
 * @param transportError   the transport's error when it was unreachable, else null
 */
record Round(int claimed, int locked, List<Published> published, List<OutboxMessage> failed, List<OutboxMessage> dead,
             List<OutboxMessage> unavailable, int held,
             String transportError) {

    static final Round EMPTY = new Round(0, 0, List.of(), List.of(), List.of(), List.of(), 0, null);

    static Round blocked(int locked) {
        return new Round(0, locked, List.of(), List.of(), List.of(), List.of(), 0, null);
    }

    /** @param sent false: the event is for nobody, and was marked published without being sent */
    record Published(OutboxMessage message, Instant at, boolean sent) {
    }

    /** Whether the transport took any event of this round (an unrouted event proves nothing about it). */
    boolean anySent() {
        return published.stream().anyMatch(Published::sent);
    }

    /** Nothing got through and the transport was unreachable: the transport is down, not the events. */
    boolean transportDown() {
        return !unavailable.isEmpty() && !anySent();
    }

    /** A full round that got somewhere: there are probably more due rows, so go again at once. */
    boolean moreWaiting(int batchSize) {
        return (locked >= batchSize && claimed > 0) || held > 0;
    }

    /** Everything it locked waits behind rows another relay is publishing right now. */
    boolean blockedByAnotherRelay() {
        return locked > 0 && claimed == 0;
    }
}
