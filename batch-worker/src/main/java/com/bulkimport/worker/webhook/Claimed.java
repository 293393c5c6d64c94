package com.bulkimport.worker.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A delivery this worker holds the lease of, with what sending it needs.
 *
 * @param attempt   this attempt's number (the delivery's attempts, counted at the claim)
 * @param retryFrom attempts before the last redelivery: the retry schedule counts from there
 * @param secrets   the signing secrets, opened: the current one, and the previous one during a rotation
 */
record Claimed(UUID id, UUID endpointId, String url, String messageId, String body, int attempt, int retryFrom,
               List<String> secrets, Instant createdAt) {
}
