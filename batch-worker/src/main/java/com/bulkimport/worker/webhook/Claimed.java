package com.bulkimport.worker.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A delivery this worker holds the lease of, with what sending it needs.
 *
 * @param attempt   this attempt's number (the delivery's attempts, counted at the claim)
 * @param retryFrom attempts before the last redelivery: the retry schedule counts from there
 * @param secrets   the signing secrets, opened: the current one, and the previous one during a rotation; empty
 *                  when one of them cannot be opened ({@link #unsigned()})
 * @param unsigned  why the secrets could not be opened (this worker's key is not the one that sealed them), or null
 */
record Claimed(UUID id, UUID endpointId, String url, String messageId, String body, int attempt, int retryFrom,
               List<String> secrets, String unsigned, Instant createdAt) {

    Claimed(UUID id, UUID endpointId, String url, String messageId, String body, int attempt, int retryFrom,
            List<String> secrets, Instant createdAt) {
        this(id, endpointId, url, messageId, body, attempt, retryFrom, secrets, null, createdAt);
    }
}
