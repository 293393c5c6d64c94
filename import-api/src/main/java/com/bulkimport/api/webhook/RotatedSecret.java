package com.bulkimport.api.webhook;

import java.time.Instant;
import java.util.UUID;

/** The new secret, shown this once; the previous one signs too until {@code previous_secret_valid_until}. */
record RotatedSecret(UUID id, String secret, Instant previousSecretValidUntil) {
}
