package com.bulkimport.local.web;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook pages and "email me when done" in a real browser against the whole local stack: a webhook to a
 * receiver on loopback (the local stack allows private targets) with its secret shown once, a test event
 * delivered, the secret rotated, the event redelivered and signed with both secrets, the endpoint disabled and
 * deleted; the default address in Settings and an import that mails its end, read back from the local stack's
 * mail server.
 */
class WebhooksAndMailBrowserTest extends StackBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String activeElementId(Browser browser) {
        return (String) browser.script("return document.activeElement.id;");
    }

    @Test
    void aWebhookShowsItsSecretOnceDeliversATestRotatesRedeliversIsDisabledAndDeleted() {
        // bob's tenant (globex) imports nothing in the other browser tests: only this test's events reach the receiver
        jdbc.sql("DELETE FROM webhook_endpoints WHERE tenant = 'globex'").update();
        try (HookReceiver receiver = new HookReceiver(); Browser browser = UiSteps.signedIn(stack.apiUrl(), "bob")) {
            browser.click("a[data-nav=webhooks]");
            assertThat(browser.awaitText("#webhooks", WAIT, t -> t.startsWith("0 webhooks"), "the empty list"))
                    .contains("No webhooks yet");
            browser.assertAccessible("webhooks: none yet");
            String ftp = receiver.url().replace("http://", "ftp://");
            browser.type("#webhook-url", ftp);
            browser.type("#webhook-events", "IMPORT_JOB_COMPLETED, IMPORT_JOB_DONE");
            browser.click("#create-webhook");
            // the field problems come first (400), each under its field, and the field takes the focus
            assertThat(browser.text("#webhook-events-error")).startsWith(
                    "event_types: 'IMPORT_JOB_DONE' is not an event type, PREFIX_* or *; known types: IMPORT_JOB_CREATED,");
            assertThat(browser.attribute("#webhook-events", "aria-invalid")).isEqualTo("true");
            assertThat(activeElementId(browser)).isEqualTo("webhook-events");
            assertThat(browser.present("#webhook-url-error:not([hidden])")).isFalse();
            browser.assertAccessible("webhooks: a field refused");

            browser.type("#webhook-events", "IMPORT_JOB_COMPLETED, IMPORT_JOB_FAILED");
            browser.type("#webhook-description", "CRM sync");
            browser.click("#create-webhook");
            // then the URL policy (422 webhook-target-refused), under the URL field
            assertThat(browser.awaitText("#webhook-url-error", WAIT, t -> !t.isEmpty(), "the URL refused"))
                    .isEqualTo("the URL must start with https://");
            assertThat(browser.present("#webhook-events-error:not([hidden])")).isFalse();
            assertThat(activeElementId(browser)).isEqualTo("webhook-url");
            assertThat(browser.unlabelledControls()).isEmpty();
            browser.screenshot("20-webhook-refused");

            browser.type("#webhook-url", receiver.url());
            browser.click("#create-webhook");
            String address = browser.waitFor(WAIT, d -> d.getCurrentUrl().matches(".*#/webhooks/[0-9a-f-]{36}$")
                    ? d.getCurrentUrl() : null, "the webhook's page");
            UUID id = UUID.fromString(address.substring(address.lastIndexOf('/') + 1));
            String secret = browser.attribute("#webhook-secret", "value");
            assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
            assertThat(browser.text("#webhook-secret-note")).startsWith("Copy this signing secret now: you won't see it again.");
            assertThat(activeElementId(browser)).isEqualTo("secret-box");
            assertThat(browser.text("#webhook-url")).isEqualTo(receiver.url());
            assertThat(browser.text("#webhook-state")).isEqualTo("Enabled");
            Map<String, Object> stored = jdbc.sql("""
                            SELECT url, description, array_to_string(event_types, ',') AS types, enabled, owner, tenant
                            FROM webhook_endpoints WHERE id = :id""").param("id", id).query().singleRow();
            assertThat(stored).containsEntry("url", receiver.url()).containsEntry("description", "CRM sync")
                    .containsEntry("types", "IMPORT_JOB_COMPLETED,IMPORT_JOB_FAILED").containsEntry("enabled", true)
                    .containsEntry("owner", "bob").containsEntry("tenant", "globex");
            assertThat(browser.unlabelledControls()).isEmpty();
            browser.screenshot("21-webhook-secret-once");
            browser.assertAccessible("webhook: its secret, once");

            // once: a reload of the same page shows everything but the secret
            browser.driver().navigate().refresh();
            assertThat(browser.text("#webhook-url")).isEqualTo(receiver.url());
            assertThat(browser.present("#webhook-secret")).isFalse();
            assertThat(browser.text("body")).doesNotContain(secret);

            browser.click("#send-test");
            browser.awaitAttribute("[data-delivery-status]", "data-delivery-status", WAIT, "DELIVERED"::equals,
                    "the test event delivered");
            assertThat(browser.text("td[data-label=Event]")).isEqualTo("WEBHOOK_TEST");
            assertThat(browser.text("td[data-label=Attempts]")).isEqualTo("1");
            assertThat(browser.text("td[data-label=Response]")).isEqualTo("HTTP 200");
            assertThat(browser.text("td[data-label='Next attempt']")).isEqualTo("–");
            assertThat(receiver.requests()).hasSize(1);
            HookReceiver.Request first = receiver.requests().get(0);
            // the secret the page showed is the one that signs
            assertThat(first.signedWith(secret)).isTrue();
            JsonNode event = JsonMapper.builder().build().readTree(first.body());
            assertThat(event.path("event_type").asString()).isEqualTo("WEBHOOK_TEST");
            assertThat(event.path("payload").path("webhook_id").asString()).isEqualTo(id.toString());
            String deliveryId = browser.attribute("[data-delivery-status]", "data-delivery-id");
            assertThat(first.webhookId()).isEqualTo(jdbc.sql("SELECT message_id FROM webhook_deliveries WHERE id = :id")
                    .param("id", UUID.fromString(deliveryId)).query(String.class).single());
            browser.screenshot("22-webhook-delivered");
            browser.assertAccessible("webhook: a delivery");

            // a rotation shows the new secret once; the old one still signs beside it for a while
            browser.click("#rotate-secret");
            String rotated = browser.awaitAttribute("#webhook-secret", "value", WAIT, v -> !v.equals(secret), "the new secret");
            assertThat(rotated).matches("whsec_[A-Za-z0-9+/]{43}=");
            assertThat(browser.text("#secret-heading")).isEqualTo("New signing secret");
            assertThat(activeElementId(browser)).isEqualTo("secret-box");

            browser.click("button[aria-label='Redeliver WEBHOOK_TEST " + deliveryId + "']");
            browser.awaitText("td[data-label=Attempts]", WAIT, "2"::equals, "the second attempt");
            browser.awaitAttribute("[data-delivery-status]", "data-delivery-status", WAIT, "DELIVERED"::equals,
                    "the redelivery delivered");
            assertThat(receiver.requests()).hasSize(2);
            // the same message again: a receiver that deduplicates by webhook-id sees it once
            HookReceiver.Request again = receiver.requests().get(1);
            assertThat(again.webhookId()).isEqualTo(first.webhookId());
            assertThat(again.signedWith(rotated)).isTrue();
            assertThat(again.signedWith(secret)).isTrue();
            assertThat(browser.all("[data-delivery-status]")).hasSize(1);

            browser.click("#toggle-enabled");
            assertThat(browser.awaitText("#webhook-state", WAIT, t -> t.startsWith("Disabled"), "the webhook disabled"))
                    .isEqualTo("Disabled: by its owner");
            assertThat(browser.find("#send-test").isEnabled()).isFalse();
            assertThat(browser.text("#toggle-enabled")).isEqualTo("Enable");
            assertThat(jdbc.sql("SELECT disabled_reason FROM webhook_endpoints WHERE id = :id AND NOT enabled")
                    .param("id", id).query(String.class).single()).isEqualTo("OWNER");
            browser.screenshot("23-webhook-disabled");

            browser.click("#delete-webhook");
            browser.acceptConfirm();
            browser.awaitText("#webhooks", WAIT, t -> t.startsWith("0 webhooks"), "the list without it");
            assertThat(jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE id = :id").param("id", id)
                    .query(Long.class).single()).isZero();
        }
    }

    @Test
    void settingsHoldTheDefaultAddressAndEmailMeWhenDoneMailsTheImportsEnd() throws IOException {
        String to = "ui-" + UUID.randomUUID() + "@example.test";
        Path file = Files.createTempFile("notify-me", ".csv");
        Files.writeString(file, "customer_ref,name\nNM-" + UUID.randomUUID() + ",Ann\nNM-" + UUID.randomUUID() + ",Bo\n");
        try (Browser browser = UiSteps.signedIn(stack.apiUrl(), "carol")) {
            browser.click("a[data-nav=settings]");
            browser.find("#default-email");
            browser.assertAccessible("settings");
            browser.type("#default-email", "carol@example");
            browser.click("#save-settings");
            assertThat(browser.text("#default-email-error"))
                    .isEqualTo("email: 'carol@example' is not a mail address (like name@example.com)");
            browser.type("#default-email", to);
            browser.click("#save-settings");
            assertThat(browser.awaitText("#settings-status", WAIT, t -> !t.isEmpty(), "saved"))
                    .isEqualTo("Saved: mail goes to " + to + ".");
            assertThat(browser.present("#default-email-error:not([hidden])")).isFalse();
            assertThat(jdbc.sql("SELECT array_to_string(email, ',') FROM notification_settings WHERE owner = 'carol'")
                    .query(String.class).single()).isEqualTo(to);

            browser.click("a[data-nav=new]");
            UiSteps.uploadAndSample(browser, "customers", file);
            // the default makes the box start ticked, with the default address
            assertThat(browser.find("#notify-me").isSelected()).isTrue();
            assertThat(browser.attribute("#notify-email", "value")).isEqualTo(to);
            browser.type("#notify-email", to + ", nope");
            browser.click("input[name=mode][value=COMMIT]");
            browser.click("#start");
            assertThat(browser.text("#notify-email-error"))
                    .isEqualTo("options.notify.email: 'nope' is not a mail address (like name@example.com)");
            assertThat(activeElementId(browser)).isEqualTo("notify-email");
            assertThat(browser.unlabelledControls()).isEmpty();
            browser.screenshot("24-notify-refused");

            browser.type("#notify-email", to);
            browser.click("#start");
            String jobId = UiSteps.jobIdFromAddress(browser);
            assertThat(jdbc.sql("SELECT options -> 'notify' ->> 'email' FROM import_jobs WHERE id = :id")
                    .param("id", UUID.fromString(jobId)).query(String.class).single()).isEqualTo("[\"" + to + "\"]");
            browser.awaitAttribute("#job-status", "data-status", Duration.ofMinutes(2),
                    s -> s.startsWith("COMPLETED") || s.equals("FAILED"), "the import to finish");
            assertThat(browser.attribute("#job-status", "data-status")).isEqualTo("COMPLETED");

            List<String> subjects = browser.waitFor(Duration.ofSeconds(60), d -> {
                List<String> received = subjectsFor(to);
                return received.isEmpty() ? null : received;
            }, "the mail to " + to);
            assertThat(subjects).containsExactly("Import " + file.getFileName() + " (customers) completed: 2 rows");
        } finally {
            jdbc.sql("DELETE FROM notification_settings WHERE owner = 'carol'").update();
            Files.deleteIfExists(file);
        }
    }

    /** The subjects in this address's mailbox on the local stack's mail server, read over IMAP. */
    private static List<String> subjectsFor(String address) {
        try {
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect(stack.infra().mail().host(), stack.infra().mail().imapPort(), address, "any password");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<String> subjects = new java.util.ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    subjects.add(message.getSubject());
                }
                inbox.close(false);
                return subjects;
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            return List.of();
        }
    }
}
