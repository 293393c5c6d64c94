package com.bulkimport.worker.mail;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The links a mail carries lead to the web UI, where the reader signs in: a mail client sends no bearer token. */
class CompletionMailsUnitTest {

    @Test
    void aDisabledWebhooksMailLinksItsPageInTheWebUi() {
        Mail mail = CompletionMails.webhookDisabled(List.of("owner@example.test"), Map.of(
                "webhook_id", "6f1c2a8e-0d3b-4c5e-9f7a-1b2c3d4e5f60", "url", "https://hooks.example.test/in",
                "failing_since", "2026-11-28T10:00:00Z", "days", 5), "https://imports.example.test");

        assertThat(mail.subject()).isEqualTo("Webhook disabled: https://hooks.example.test/in");
        assertThat(mail.text()).isEqualTo("Your webhook https://hooks.example.test/in was disabled: every delivery to it"
                + " failed since 2026-11-28T10:00:00Z (5 days).\n\n"
                + "Its deliveries, and Enable once the receiver answers again:"
                + " https://imports.example.test/#/webhooks/6f1c2a8e-0d3b-4c5e-9f7a-1b2c3d4e5f60\n");
    }
}
