package com.bulkimport.relay.admin;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the admin endpoints answer with (snake_case on the wire). */
final class AdminViews {

    private AdminViews() {
    }

    /** One event in a list: everything but the payload. */
    record EventSummary(UUID id, String type, String aggregateType, String aggregateId, String status, int attempts,
                        Instant createdAt, Instant availableAt, Instant publishedAt, String lastError, String traceId,
                        int replayCount) {
    }

    /** One event in full, with its envelope and the audit trail of its last replay. */
    record EventDetail(UUID id, String type, String aggregateType, String aggregateId, String status, int attempts,
                       Instant createdAt, Instant availableAt, Instant publishedAt, String lastError, String traceId,
                       long seq, int replayCount, Instant replayedAt, String replayedBy, String replayNote,
                       JsonNode payload) {
    }

    record EventPage(List<EventSummary> items, int page, int size, long total) {
    }

    record Replayed(long replayed) {
    }

    record Purged(long purged) {
    }

    /** Body of a replay; the note is required, it is the audit trail. */
    record ReplayRequest(String note) {
    }

    /** Body of a replay by filter. */
    record ReplayMatchingRequest(String status, String type, String olderThan, String newerThan, String note) {
    }
}
