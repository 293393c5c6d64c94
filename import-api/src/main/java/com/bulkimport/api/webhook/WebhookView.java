package com.bulkimport.api.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An endpoint as its tenant sees it (never its secret). {@code disabled_reason}: OWNER, GONE (the receiver
 * answered 410), FAILING (every attempt failed for days; its owner was told); {@code failing_since}: the first
 * failed attempt since the last success; {@code previous_secret_valid_until}: after a rotation, until when the
 * old secret still signs too.
 */
record WebhookView(UUID id, String url, String description, List<String> eventTypes, boolean enabled,
                   String disabledReason, Instant disabledAt, Instant failingSince, Instant previousSecretValidUntil,
                   String owner, String tenant, Instant createdAt, Instant updatedAt) {
}
