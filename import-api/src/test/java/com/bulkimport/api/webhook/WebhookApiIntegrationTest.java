package com.bulkimport.api.webhook;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.Fixtures;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook API: registration and its refusals, a tenant's endpoints, secrets shown once, the delivery log. */
class WebhookApiIntegrationTest extends ApiIntegrationTest {

    private final TestUser dora = TestUser.named("dora-" + UUID.randomUUID(), "initech-" + UUID.randomUUID());
    private final TestUser eve = TestUser.named("eve-" + UUID.randomUUID(), dora.tenant());
    private final TestUser mallory = TestUser.named("mallory-" + UUID.randomUUID(), "umbrella-" + UUID.randomUUID());

    private JsonHttp.Response register(ApiHttp http, String url, List<String> types) {
        return http.postJson("/api/webhooks", Map.of("url", url, "event_types", types, "description", "orders feed"));
    }

    @Test
    void registersWithASecretShownOnceAndServesTheTenant() {
        JsonHttp.Response created = register(http(dora), Fixtures.WEBHOOK_URL, List.of("RESTAURANT_*", "IMPORT_JOB_COMPLETED"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/webhooks/" + id);
        assertThat(created.json().path("secret").asString()).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(created.json().path("enabled").asBoolean()).isTrue();
        assertThat(created.json().path("event_types").toString()).isEqualTo("[\"RESTAURANT_*\",\"IMPORT_JOB_COMPLETED\"]");

        JsonHttp.Response read = http(eve).get("/api/webhooks/" + id);
        assertThat(read.status()).as("a colleague in the tenant sees it").isEqualTo(200);
        assertThat(read.body()).doesNotContain("whsec_").doesNotContain("secret\":");
        assertThat(http(mallory).get("/api/webhooks/" + id).status()).as("another tenant").isEqualTo(404);
        assertThat(http(mallory).get("/api/webhooks").json().path("total_items").asLong()).isZero();
        assertThat(http(dora).get("/api/webhooks").json().path("total_items").asLong()).isEqualTo(1);
        // stored sealed when a key is configured, never in the clear when one is: here there is none, so as given
        assertThat(jdbc.sql("SELECT secret FROM webhook_endpoints WHERE id = :id").param("id", UUID.fromString(id))
                .query(String.class).single()).isEqualTo(created.json().path("secret").asString());

        JsonHttp.Response rotated = http(dora).postJson("/api/webhooks/" + id + "/rotate-secret", "");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().path("secret").asString()).startsWith("whsec_")
                .isNotEqualTo(created.json().path("secret").asString());
        assertThat(rotated.json().path("previous_secret_valid_until").isNull()).isFalse();

        JsonHttp.Response patched = http(dora).send(http(dora).request("/api/webhooks/" + id)
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\": false}")));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("enabled").asBoolean()).isFalse();
        assertThat(patched.json().path("disabled_reason").asString()).isEqualTo("OWNER");
        assertThat(patched.json().path("url").asString()).isEqualTo(Fixtures.WEBHOOK_URL);
        assertThat(http(dora).postJson("/api/webhooks/" + id + "/test", "").status()).isEqualTo(409);

        assertThat(http(mallory).delete("/api/webhooks/" + id).status()).isEqualTo(404);
        assertThat(http(dora).delete("/api/webhooks/" + id).status()).isEqualTo(204);
        assertThat(http(dora).get("/api/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void aTestEventIsADeliveryAndARedeliveryKeepsItsWebhookId() {
        String id = register(http(dora), Fixtures.WEBHOOK_URL, List.of("*")).json().path("id").asString();
        JsonHttp.Response test = http(dora).postJson("/api/webhooks/" + id + "/test", "");
        assertThat(test.status()).as(test.body()).isEqualTo(202);
        assertThat(test.json().path("event_type").asString()).isEqualTo("WEBHOOK_TEST");
        assertThat(test.json().path("status").asString()).isEqualTo("PENDING");
        String delivery = test.json().path("id").asString();
        String webhookId = test.json().path("webhook_id").asString();
        // as the worker leaves a delivery it gave up
        jdbc.sql("UPDATE webhook_deliveries SET status = 'FAILED', attempts = 3, last_status_code = 500 WHERE id = :id")
                .param("id", UUID.fromString(delivery)).update();

        JsonHttp.Response list = http(dora).get("/api/webhooks/" + id + "/deliveries");
        assertThat(list.json().path("total_items").asLong()).isEqualTo(1);
        assertThat(list.json().path("items").get(0).path("status").asString()).isEqualTo("FAILED");
        assertThat(list.json().path("items").get(0).path("response_code").asInt()).isEqualTo(500);
        assertThat(list.json().path("items").get(0).path("next_attempt_at").isNull()).isTrue();

        JsonHttp.Response again = http(eve).postJson("/api/webhooks/" + id + "/deliveries/" + delivery + "/redeliver", "");
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(again.json().path("webhook_id").asString()).isEqualTo(webhookId);
        assertThat(again.json().path("next_attempt_at").isNull()).isFalse();
        assertThat(jdbc.sql("SELECT retry_from FROM webhook_deliveries WHERE id = :id")
                .param("id", UUID.fromString(delivery)).query(Integer.class).single()).isEqualTo(3);
        assertThat(http(dora).postJson("/api/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/redeliver", "")
                .status()).isEqualTo(404);
        assertThat(http(mallory).get("/api/webhooks/" + id + "/deliveries").status()).isEqualTo(404);
    }

    /** A PENDING delivery may be in an attempt right now: redelivering it would send it twice at once. */
    @Test
    void aDeliveryStillBeingAttemptedIsNotRedelivered() {
        String id = register(http(dora), Fixtures.WEBHOOK_URL, List.of("*")).json().path("id").asString();
        String delivery = http(dora).postJson("/api/webhooks/" + id + "/test", "").json().path("id").asString();
        // as a worker's claim leaves it: leased for 60 s, its first attempt under way
        jdbc.sql("UPDATE webhook_deliveries SET attempts = 1, next_attempt_at = now() + interval '60 seconds',"
                + " claimed_by = 'worker-1' WHERE id = :id").param("id", UUID.fromString(delivery)).update();

        JsonHttp.Response refused = http(dora).postJson("/api/webhooks/" + id + "/deliveries/" + delivery
                + "/redeliver", "");

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("type").asString()).endsWith("/delivery-in-progress");
        assertThat(refused.json().path("detail").asString()).isEqualTo("delivery " + delivery
                + " is still being attempted (PENDING); redeliver it once it is DELIVERED or FAILED");
        assertThat(jdbc.sql("SELECT status, attempts, retry_from, claimed_by FROM webhook_deliveries WHERE id = :id")
                .param("id", UUID.fromString(delivery)).query().singleRow()).containsEntry("status", "PENDING")
                .containsEntry("attempts", 1).containsEntry("retry_from", 0).containsEntry("claimed_by", "worker-1");
    }

    @Test
    void aDeliversAttemptsAreReadFirstToLastWithTheReceiversAnswers() {
        String id = register(http(dora), Fixtures.WEBHOOK_URL, List.of("*")).json().path("id").asString();
        String delivery = http(dora).postJson("/api/webhooks/" + id + "/test", "").json().path("id").asString();
        // as the worker records them: a timeout, then a 503 with its answer
        jdbc.sql("""
                INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, response)
                VALUES (:d, 1, TIMESTAMPTZ '2026-12-01 10:00:00+00', 10000, NULL, 'timed out after 10000 ms', NULL),
                       (:d, 2, TIMESTAMPTZ '2026-12-01 10:00:31+00', 42, 503, NULL, 'try later')""")
                .param("d", UUID.fromString(delivery)).update();

        JsonHttp.Response attempts = http(eve).get("/api/webhooks/" + id + "/deliveries/" + delivery + "/attempts");

        assertThat(attempts.status()).as(attempts.body()).isEqualTo(200);
        assertThat(attempts.json().size()).isEqualTo(2);
        assertThat(attempts.json().get(0).path("attempt").asInt()).isEqualTo(1);
        assertThat(attempts.json().get(0).path("started_at").asString()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(attempts.json().get(0).path("duration_ms").asInt()).isEqualTo(10000);
        assertThat(attempts.json().get(0).path("error").asString()).isEqualTo("timed out after 10000 ms");
        assertThat(attempts.json().get(1).path("status_code").asInt()).isEqualTo(503);
        assertThat(attempts.json().get(1).path("response").asString()).isEqualTo("try later");
        assertThat(http(mallory).get("/api/webhooks/" + id + "/deliveries/" + delivery + "/attempts").status())
                .as("another tenant").isEqualTo(404);
        JsonHttp.Response unknown = http(dora).get("/api/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/attempts");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("type").asString()).endsWith("/delivery-not-found");
    }

    @Test
    void privateLoopbackLinkLocalAndPlainHttpTargetsAre422() {
        for (String url : List.of("https://127.0.0.1/hook", "https://10.0.0.1/hook", "https://169.254.169.254/latest",
                "https://[::1]/hook", "https://localhost/hook", "https://[fd00:ec2::254]/", "https://100.64.1.1/",
                "https://[::ffff:10.0.0.1]/", "http://198.51.100.7/hook")) {
            JsonHttp.Response refused = register(http(dora), url, List.of("*"));
            assertThat(refused.status()).as(url + " " + refused.body()).isEqualTo(422);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().path("type").asString()).endsWith("/webhook-target-refused");
        }
        assertThat(register(http(dora), "https://localhost/hook", List.of("*")).json().path("detail").asString())
                .contains("resolves to").contains("loopback");
        String id = register(http(dora), Fixtures.WEBHOOK_URL, List.of("*")).json().path("id").asString();
        JsonHttp.Response patch = http(dora).send(http(dora).request("/api/webhooks/" + id)
                .header("Content-Type", "application/json").method("PATCH",
                        java.net.http.HttpRequest.BodyPublishers.ofString("{\"url\": \"https://10.1.2.3/x\"}")));
        assertThat(patch.status()).isEqualTo(422);
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE tenant = :t").param("t", dora.tenant())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badUrlsAndUnknownPatternsAre400NamingWhatIsWrong() {
        JsonHttp.Response pattern = register(http(dora), Fixtures.WEBHOOK_URL, List.of("RESTAURANT_*", "ORDER_*",
                "IMPORT_JOB_DONE", "restaurant_created", "*_CREATED"));
        assertThat(pattern.status()).isEqualTo(400);
        assertThat(pattern.json().path("errors").toString()).contains("'ORDER_*'").contains("'IMPORT_JOB_DONE'")
                .contains("'restaurant_created'").contains("'*_CREATED'").doesNotContain("'RESTAURANT_*'");
        for (String url : List.of("not a url", "ftp://198.51.100.7/x", "https://user:pw@198.51.100.7/x", "")) {
            JsonHttp.Response bad = register(http(dora), url, List.of("*"));
            assertThat(bad.status()).as(url).isBetween(400, 422);
            assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(http(dora).postJson("/api/webhooks", Map.of("event_types", List.of("*"))).status()).isEqualTo(400);
        assertThat(http(dora).postJson("/api/webhooks", Map.of("url", Fixtures.WEBHOOK_URL)).status()).isEqualTo(400);
    }

    @Test
    void aTenantHasAtMostTwentyEndpoints() {
        for (int i = 0; i < 20; i++) {
            assertThat(register(i % 2 == 0 ? http(dora) : http(eve), Fixtures.WEBHOOK_URL, List.of("*")).status())
                    .isEqualTo(201);
        }
        JsonHttp.Response refused = register(http(eve), Fixtures.WEBHOOK_URL, List.of("*"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("type").asString()).endsWith("/webhook-limit-reached");
        assertThat(register(http(mallory), Fixtures.WEBHOOK_URL, List.of("*")).status()).as("another tenant").isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE tenant = :t").param("t", dora.tenant())
                .query(Long.class).single()).isEqualTo(20);
    }

    @Test
    void theDefaultMailAddressesAndTheJobsOwnAreChecked() {
        ApiHttp me = http(dora);
        assertThat(me.get("/api/me/notifications").json().path("email").size()).isZero();
        JsonHttp.Response put = me.send(me.request("/api/me/notifications").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\": [\"dora@example.test\"]}")));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(me.get("/api/me/notifications").json().path("email").get(0).asString()).isEqualTo("dora@example.test");
        JsonHttp.Response bad = me.send(me.request("/api/me/notifications").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\": [\"not an address\"]}")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").toString()).contains("not an address");

        JsonHttp.Response job = me.postJson("/api/imports", Map.of("kind", "customers", "file_name", "c.csv",
                "content_length", 10, "options", Map.of("notify", Map.of("email", List.of("ops@example.test")))));
        assertThat(job.status()).as(job.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT options -> 'notify' ->> 'email' FROM import_jobs WHERE id = :id")
                .param("id", UUID.fromString(job.json().path("job_id").asString())).query(String.class).single())
                .isEqualTo("[\"ops@example.test\"]");
        JsonHttp.Response refused = me.postJson("/api/imports", Map.of("kind", "customers", "file_name", "c.csv",
                "content_length", 10, "options", Map.of("notify", Map.of("email", List.of("x@", "a@b.c", "<y@z.com>")))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").toString()).contains("'x@'").contains("'<y@z.com>'")
                .doesNotContain("'a@b.c'");
    }
}
