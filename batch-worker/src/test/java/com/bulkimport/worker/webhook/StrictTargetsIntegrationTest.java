package com.bulkimport.worker.webhook;

import com.bulkimport.support.outbound.OutboundTargets;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender with private targets refused, as in production, against a real receiver on loopback: it is never
 * reached, whether the URL names the address or a name that resolves to it (the check runs inside the
 * client's own resolver, at every attempt: a name that changed its answer since registration is refused too).
 */
class StrictTargetsIntegrationTest {

    @Test
    void loopbackIsRefusedAtDeliveryByAddressAndByName() throws Exception {
        WebhookProperties properties = new WebhookProperties(false, true, 2, 2, null, Duration.ofSeconds(10),
                Duration.ofSeconds(2), List.of(Duration.ofSeconds(1)), 0, DataSize.ofKilobytes(4), null);
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        try (Receiver receiver = Receiver.start(secret);
             WebhookSender sender = new WebhookSender(new OutboundTargets(false), properties)) {
            for (String url : List.of("http://127.0.0.1:" + receiver.port() + "/hook",
                    "http://localhost:" + receiver.port() + "/hook", "https://localhost:" + receiver.port() + "/hook",
                    "https://[::1]:" + receiver.port() + "/hook", "https://10.0.0.1/hook",
                    "https://169.254.169.254/latest/meta-data/", "https://[::ffff:127.0.0.1]:" + receiver.port())) {
                Outcome outcome = sender.send(new Claimed(UUID.randomUUID(), UUID.randomUUID(), url, "msg_1", "{}", 1, 0,
                        List.of(secret), Instant.now()));
                assertThat(outcome.statusCode()).as(url).isNull();
                assertThat(outcome.error()).as(url).startsWith("target refused");
            }
            assertThat(receiver.requests()).isEmpty();
        }
    }
}
