package com.bulkimport.cli;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Checks a delivery as Standard Webhooks defines it: {@code webhook-signature} holds space-separated
 * {@code v1,<base64 HMAC-SHA256>} over {@code id.timestamp.body}, keyed with the base64 after {@code whsec_}.
 * Any one matching v1 signature passes (the sender lists several during a secret rotation). The timestamp must
 * be within {@link #TOLERANCE} of this clock, so a captured request cannot be replayed later.
 */
final class WebhookSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String SECRET_PREFIX = "whsec_";

    private final byte[] key;
    private final Clock clock;

    WebhookSignature(String secret, Clock clock) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        this.key = Base64.getDecoder().decode(encoded);
        this.clock = clock;
    }

    /** @throws BadSignature with the reason, for the warning the listener prints */
    void verify(String id, String timestamp, String signatures, byte[] body) throws BadSignature {
        if (id == null || timestamp == null || signatures == null) {
            throw new BadSignature("webhook-id, webhook-timestamp or webhook-signature missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new BadSignature("webhook-timestamp is not a number of seconds");
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            throw new BadSignature("webhook-timestamp " + seconds + " is more than " + TOLERANCE.toMinutes()
                    + " minutes from this machine's clock");
        }
        byte[] expected = hmac(id, seconds, body);
        for (String candidate : signatures.strip().split(" +")) {
            if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected, decode(candidate.substring(3)))) {
                return;
            }
        }
        throw new BadSignature("no v1 signature matches this session's secret");
    }

    private byte[] hmac(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            // the body as it came, byte for byte: decoding and re-encoding it could change what was signed
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** Not base64: no bytes, which match no HMAC (isEqual still compares in constant time). */
    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
