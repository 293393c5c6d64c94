package com.bulkimport.api.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One event for one endpoint. {@code webhook_id} is the header receivers deduplicate by (the same on every
 * attempt and redelivery); {@code status}: PENDING, DELIVERED or FAILED; {@code response_code},
 * {@code duration_ms} and {@code last_error} are the last attempt's; {@code next_attempt_at} only while PENDING.
 */
record DeliveryView(UUID id, UUID eventId, String eventType, String webhookId, String status, int attempts,
                    Integer responseCode, Integer durationMs, String lastError, Instant lastAttemptAt,
                    Instant nextAttemptAt, Instant deliveredAt, Instant createdAt) {
}
