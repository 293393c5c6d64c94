package com.bulkimport.api.webhook;

import java.time.Instant;

/**
 * One attempt of a delivery, as the receiver answered it: {@code status_code} when it answered, {@code error} when
 * no status says why it failed (a timeout, a refused target, a connection error), {@code response} the first 4 KB
 * of its answer.
 */
record AttemptView(int attempt, Instant startedAt, int durationMs, Integer statusCode, String error, String response) {
}
