package com.bulkimport.relay.outbox;

import java.time.Instant;
import java.util.List;

/**
 * What one claim-publish-record round did.
 *
 * @param published        with the time each was marked published
 * @param failed           will be retried (an attempt was counted)
 * @param dead             given up on in this round
 * @param unavailable      not sent because the transport could not be reached (no attempt counted)
 * @param held             not sent to keep an aggregate's order; the next round takes them
 * @param transportError   the transport's error when it was unreachable, else null
 */
record Round(int claimed, List<Published> published, List<OutboxMessage> failed, List<OutboxMessage> dead,
             List<OutboxMessage> unavailable, int held,
             String transportError) {

    static final Round EMPTY = new Round(0, List.of(), List.of(), List.of(), List.of(), 0, null);

    record Published(OutboxMessage message, Instant at) {
    }

    /** Nothing got through and the transport was unreachable: the transport is down, not the events. */
    boolean transportDown() {
        return !unavailable.isEmpty() && published.isEmpty();
    }

    /** A round that may have left due rows behind: go again at once instead of waiting. */
    boolean moreWaiting(int batchSize) {
        return claimed >= batchSize || held > 0;
    }
}
