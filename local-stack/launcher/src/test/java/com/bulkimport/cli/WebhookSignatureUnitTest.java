package com.bulkimport.cli;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code listen}'s signature check against signatures it did not compute: the Standard Webhooks example vector and
 * the Standard Webhooks Java library's own signing.
 */
class WebhookSignatureUnitTest {

    // the example of the Standard Webhooks specification and its libraries' tests
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static WebhookSignature at(String secret, long epochSecond) {
        return new WebhookSignature(secret, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String freshSecret() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    @Test
    void theSpecificationsExampleVerifies() {
        assertThatCode(() -> at(SPEC_SECRET, SPEC_TIMESTAMP).verify(SPEC_ID, String.valueOf(SPEC_TIMESTAMP),
                SPEC_SIGNATURE, utf8(SPEC_BODY))).doesNotThrowAnyException();
    }

    @Test
    void whatTheStandardWebhooksLibrarySignsVerifiesOneSignatureAmongSeveral() throws Exception {
        String secret = freshSecret();
        String body = "{\"event_type\":\"RESTAURANT_CREATED\",\"payload\":{\"record\":{\"name\":\"Café € 東京\"}}}";
        long now = Instant.now().getEpochSecond();
        String signed = new Webhook(secret).sign("msg_1", now, body);
        // during a rotation the sender signs with the old secret too, and a later version may sign otherwise
        String header = new Webhook(freshSecret()).sign("msg_1", now, body) + " v2,c29tZXRoaW5nIGVsc2U= " + signed;

        assertThat(signed).isNotEqualTo(SPEC_SIGNATURE).startsWith("v1,");
        assertThatCode(() -> at(secret, now).verify("msg_1", String.valueOf(now), signed, utf8(body)))
                .doesNotThrowAnyException();
        assertThatCode(() -> at(secret, now).verify("msg_1", String.valueOf(now), header, utf8(body)))
                .doesNotThrowAnyException();
        // the secret's key is the base64 after whsec_; a bare key is taken as well
        assertThatCode(() -> at(secret.substring(6), now).verify("msg_1", String.valueOf(now), signed, utf8(body)))
                .doesNotThrowAnyException();
    }

    @Test
    void anythingChangedIsRefused() {
        String ts = String.valueOf(SPEC_TIMESTAMP);
        WebhookSignature check = at(SPEC_SECRET, SPEC_TIMESTAMP);
        String noMatch = "no v1 signature matches this session's secret";

        assertThatThrownBy(() -> at(freshSecret(), SPEC_TIMESTAMP).verify(SPEC_ID, ts, SPEC_SIGNATURE, utf8(SPEC_BODY)))
                .isInstanceOf(BadSignature.class).hasMessage(noMatch);
        assertThatThrownBy(() -> check.verify(SPEC_ID, ts, SPEC_SIGNATURE, utf8("{\"test\": 2432232315}")))
                .hasMessage(noMatch);
        assertThatThrownBy(() -> check.verify(SPEC_ID + "x", ts, SPEC_SIGNATURE, utf8(SPEC_BODY))).hasMessage(noMatch);
        // a timestamp one second off: the signature covers it, and the clock still allows it
        assertThatThrownBy(() -> check.verify(SPEC_ID, String.valueOf(SPEC_TIMESTAMP + 1), SPEC_SIGNATURE,
                utf8(SPEC_BODY))).hasMessage(noMatch);
        assertThatThrownBy(() -> check.verify(SPEC_ID, ts, "v2," + SPEC_SIGNATURE.substring(3), utf8(SPEC_BODY)))
                .hasMessage(noMatch);
        assertThatThrownBy(() -> check.verify(SPEC_ID, ts, "v1,not base64!", utf8(SPEC_BODY))).hasMessage(noMatch);
        assertThatThrownBy(() -> check.verify(SPEC_ID, ts, "v1,", utf8(SPEC_BODY))).hasMessage(noMatch);
    }

    @Test
    void aTimestampMoreThanFiveMinutesAwayIsRefusedEitherWay() {
        String ts = String.valueOf(SPEC_TIMESTAMP);

        for (long skew : new long[] {-300, 300}) {
            assertThatCode(() -> at(SPEC_SECRET, SPEC_TIMESTAMP + skew).verify(SPEC_ID, ts, SPEC_SIGNATURE,
                    utf8(SPEC_BODY))).doesNotThrowAnyException();
        }
        for (long skew : new long[] {-301, 301}) {
            assertThatThrownBy(() -> at(SPEC_SECRET, SPEC_TIMESTAMP + skew).verify(SPEC_ID, ts, SPEC_SIGNATURE,
                    utf8(SPEC_BODY))).isInstanceOf(BadSignature.class)
                    .hasMessage("webhook-timestamp 1614265330 is more than 5 minutes from this machine's clock");
        }
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        WebhookSignature check = at(SPEC_SECRET, SPEC_TIMESTAMP);
        String ts = String.valueOf(SPEC_TIMESTAMP);
        String missing = "webhook-id, webhook-timestamp or webhook-signature missing";

        assertThatThrownBy(() -> check.verify(null, ts, SPEC_SIGNATURE, utf8(SPEC_BODY))).hasMessage(missing);
        assertThatThrownBy(() -> check.verify(SPEC_ID, null, SPEC_SIGNATURE, utf8(SPEC_BODY))).hasMessage(missing);
        assertThatThrownBy(() -> check.verify(SPEC_ID, ts, null, utf8(SPEC_BODY))).hasMessage(missing);
        assertThatThrownBy(() -> check.verify(SPEC_ID, "yesterday", SPEC_SIGNATURE, utf8(SPEC_BODY)))
                .hasMessage("webhook-timestamp is not a number of seconds");
    }
}
