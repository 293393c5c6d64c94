package com.bulkimport.worker.webhook;

import com.bulkimport.model.event.EventType;
import com.bulkimport.support.secrets.SecretBox;
import com.bulkimport.worker.DeliveryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Deliveries as receivers see them: signed, retried on the schedule, given up, disabled, never stuck. */
class WebhookDeliveryIntegrationTest extends DeliveryIntegrationTest {

    @Test
    void retriesAFailingReceiverOnTheScheduleAndDeliversOnceItAnswers() throws Exception {
        String secret = secret();
        try (Receiver receiver = Receiver.start(secret).then(Receiver.Answer.status(500), Receiver.Answer.status(500))) {
            UUID endpoint = endpoint(tenant, receiver.url(), secret, "IMPORT_JOB_COMPLETED");
            UUID event = event(tenant, EventType.IMPORT_JOB_COMPLETED);

            await("delivered after two retries", () -> "DELIVERED".equals(deliveryStatus(endpoint, event)));

            List<Receiver.Request> requests = receiver.requests();
            assertThat(requests).hasSize(3);
            assertThat(requests).allMatch(Receiver.Request::verified, "verified by the Standard Webhooks library");
            assertThat(requests.stream().map(Receiver.Request::webhookId).distinct().toList())
                    .as("one webhook-id on every attempt").hasSize(1)
                    .containsExactly((String) delivery(endpoint, event).get("message_id"));
            assertThat(requests.get(0).body()).contains(event.toString()).contains("IMPORT_JOB_COMPLETED");
            Map<String, Object> delivery = delivery(endpoint, event);
            assertThat(delivery.get("attempts")).isEqualTo(3);
            List<Map<String, Object>> attempts = attempts((UUID) delivery.get("id"));
            assertThat(attempts).extracting(a -> a.get("status_code")).containsExactly(500, 500, 200);
            // the schedule is 1 s then 3 s, each ±20%: the second wait is the longer, and neither is cut short
            Duration first = between(attempts.get(0), attempts.get(1));
            Duration second = between(attempts.get(1), attempts.get(2));
            assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(800));
            assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(2400)).isGreaterThan(first);
        }
    }

    @Test
    void aGoneReceiverDisablesItsEndpointAtOnce() throws Exception {
        String secret = secret();
        try (Receiver receiver = Receiver.start(secret).otherwise(request -> Receiver.Answer.status(410))) {
            UUID endpoint = endpoint(tenant, receiver.url(), secret, "*");
            UUID event = event(tenant, EventType.IMPORT_JOB_FAILED);

            await("failed on the 410", () -> "FAILED".equals(deliveryStatus(endpoint, event)));
            Map<String, Object> row = jdbc.sql("SELECT enabled, disabled_reason FROM webhook_endpoints WHERE id = :id")
                    .param("id", endpoint).query().singleRow();
            assertThat(row).containsEntry("enabled", false).containsEntry("disabled_reason", "GONE");
            assertThat(receiver.requests()).hasSize(1);
            UUID later = event(tenant, EventType.IMPORT_JOB_FAILED);
            assertThat(jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE event_id = :id").param("id", later)
                    .query(Long.class).single()).as("a disabled endpoint gets no deliveries").isZero();
        }
    }

    @Test
    void aSlowReceiverTimesOutAndIsTriedAgain() throws Exception {
        String secret = secret();
        try (Receiver receiver = Receiver.start(secret).then(Receiver.Answer.slow(200, 5_000))) {
            UUID endpoint = endpoint(tenant, receiver.url(), secret, "IMPORT_*");
            UUID event = event(tenant, EventType.IMPORT_JOB_CANCELLED);

            await("delivered on the second attempt", () -> "DELIVERED".equals(deliveryStatus(endpoint, event)));
            List<Map<String, Object>> attempts = attempts((UUID) delivery(endpoint, event).get("id"));
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(0).get("status_code")).isNull();
            assertThat((String) attempts.get(0).get("error")).startsWith("timed out");
            assertThat(attempts.get(1).get("status_code")).isEqualTo(200);
        }
    }

    @Autowired
    TransactionTemplate tx;
    @Autowired
    DeliveryLoop loop;
    @Autowired
    DeliveryStore store;
    @Autowired
    WebhookMetrics metrics;
    @Autowired
    DataSourceProperties dataSourceProperties;

    /**
     * Deterministic: the slow receiver holds its requests until the test lets go, and this loop's timeout is
     * longer than the test, so its first attempts are still in flight while every fast delivery completes.
     */
    @Test
    void aSlowReceiverNeverDelaysAnotherEndpointsDeliveries() throws Exception {
        String secret = secret();
        CountDownLatch release = new CountDownLatch(1);
        loop.stop();
        DeliveryLoop patient = new DeliveryLoop(store, new WebhookProperties(true, true, 8, 2, Duration.ofMillis(50),
                Duration.ofMinutes(10), Duration.ofMinutes(5), List.of(Duration.ofSeconds(1)), 0, null, null), metrics,
                true);
        try (Receiver slow = Receiver.start(secret).otherwise(request -> Receiver.Answer.held(200, release));
             Receiver fast = Receiver.start(secret)) {
            patient.start();
            String other = "t-" + UUID.randomUUID();
            UUID slowEndpoint = endpoint(tenant, slow.url(), secret, "IMPORT_JOB_COMPLETED");
            UUID fastEndpoint = endpoint(other, fast.url(), secret, "IMPORT_JOB_COMPLETED");
            IntStream.range(0, 10).forEach(i -> event(tenant, EventType.IMPORT_JOB_COMPLETED));
            await("the slow endpoint's first attempts in flight", () -> slow.requests().size() == 2);
            IntStream.range(0, 20).forEach(i -> event(other, EventType.IMPORT_JOB_COMPLETED));

            await("every delivery to the fast endpoint", () -> jdbc.sql("SELECT count(*) FROM webhook_deliveries"
                    + " WHERE endpoint_id = :id AND status = 'DELIVERED'").param("id", fastEndpoint)
                    .query(Long.class).single() == 20);
            assertThat(fast.requests()).hasSize(20).allMatch(Receiver.Request::verified);
            // the slow one still holds its first two (its per-endpoint slots): nothing of it finished, nothing more sent
            assertThat(slow.requests()).hasSize(2);
            assertThat(jdbc.sql("SELECT count(*) FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id"
                    + " WHERE d.endpoint_id = :id").param("id", slowEndpoint).query(Long.class).single()).isZero();
            release.countDown();
            await("the slow endpoint's ten", () -> jdbc.sql("SELECT count(*) FROM webhook_deliveries"
                    + " WHERE endpoint_id = :id AND status = 'DELIVERED'").param("id", slowEndpoint)
                    .query(Long.class).single() == 10);
        } finally {
            release.countDown();
            patient.stop();
            loop.start();
        }
    }

    /**
     * A loop that looks for due deliveries only every ten minutes still sends each fresh one at once: the statement
     * that creates it notifies (V31), and the listener wakes the loop. Without the wake-up, not one arrives within
     * the one-minute deadline.
     */
    @Test
    void aNewDeliveryWakesTheLoopWithoutWaitingForItsPoll() throws Exception {
        String secret = secret();
        loop.stop();
        DeliveryLoop sleepy = new DeliveryLoop(store, new WebhookProperties(true, true, 8, 2, Duration.ofMinutes(10),
                Duration.ofMinutes(30), Duration.ofMinutes(5), List.of(Duration.ofSeconds(1)), 0, null, null), metrics,
                true);
        DeliveryNotifications notifications = new DeliveryNotifications(dataSourceProperties, sleepy);
        try (Receiver receiver = Receiver.start(secret)) {
            UUID endpoint = endpoint(tenant, receiver.url(), secret, "IMPORT_JOB_COMPLETED");
            notifications.start();
            await("the listener listening", notifications::listening);
            sleepy.start();
            for (int i = 1; i <= 3; i++) {
                // the loop's last look found nothing: it sleeps for ten minutes unless woken
                Thread.sleep(300);
                UUID event = event(tenant, EventType.IMPORT_JOB_COMPLETED);
                await("delivery " + i + " sent on the wake-up",
                        () -> "DELIVERED".equals(deliveryStatus(endpoint, event)));
            }
            assertThat(receiver.requests()).hasSize(3).allMatch(Receiver.Request::verified);
        } finally {
            notifications.stop();
            sleepy.stop();
            loop.start();
        }
    }

    /**
     * The loop claims a turn ahead (twice an endpoint's slots); what it holds unsent when it stops is due again at
     * once, with the attempt its claim counted undone. Deterministic: the receiver holds its requests until the
     * stopping loop waits for them.
     */
    @Test
    void deliveriesClaimedAheadAndNeverSentAreHandedBackOnStop() throws Exception {
        String secret = secret();
        CountDownLatch release = new CountDownLatch(1);
        loop.stop();
        DeliveryLoop ahead = new DeliveryLoop(store, new WebhookProperties(true, true, 8, 2, Duration.ofMillis(50),
                Duration.ofMinutes(10), Duration.ofMinutes(5), List.of(Duration.ofSeconds(1)), 0, null, null), metrics,
                true);
        try (Receiver held = Receiver.start(secret).otherwise(request -> Receiver.Answer.held(200, release))) {
            UUID endpoint = endpoint(tenant, held.url(), secret, "IMPORT_JOB_COMPLETED");
            IntStream.range(0, 10).forEach(i -> event(tenant, EventType.IMPORT_JOB_COMPLETED));
            ahead.start();
            await("two attempts in flight and two claimed ahead", () -> held.requests().size() == 2
                    && attemptsOf(endpoint, 1) == 4);
            Thread stopping = new Thread(ahead::stop);
            stopping.start();
            await("the loop stopping", () -> !ahead.isRunning());
            release.countDown();
            stopping.join(30_000);

            assertThat(held.requests()).hasSize(2);
            assertThat(jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = :id AND status = 'DELIVERED'"
                    + " AND attempts = 1").param("id", endpoint).query(Long.class).single()).isEqualTo(2);
            // the two that waited and the six never claimed: all due now, none with an attempt counted
            assertThat(jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = :id AND status = 'PENDING'"
                    + " AND attempts = 0 AND claimed_by IS NULL AND next_attempt_at <= now()").param("id", endpoint)
                    .query(Long.class).single()).isEqualTo(8);
        } finally {
            release.countDown();
            ahead.stop();
            loop.start();
        }
    }

    private long attemptsOf(UUID endpoint, int attempts) {
        return jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = :id AND attempts = :attempts")
                .param("id", endpoint).param("attempts", attempts).query(Long.class).single();
    }

    @Test
    void hugeAnswersAreCutAt4KbAndSilentReceiversFailWithoutStoppingTheLoop() throws Exception {
        String secret = secret();
        CountDownLatch never = new CountDownLatch(1);
        try (Receiver huge = Receiver.start(secret).otherwise(request -> Receiver.Answer.withBody(200, 5 << 20));
             Receiver silent = Receiver.start(secret).otherwise(request -> Receiver.Answer.held(200, never));
             Receiver after = Receiver.start(secret)) {
            UUID hugeEndpoint = endpoint(tenant, huge.url(), secret, "IMPORT_JOB_COMPLETED");
            String silentTenant = "t-" + UUID.randomUUID();
            UUID silentEndpoint = endpoint(silentTenant, silent.url(), secret, "IMPORT_JOB_COMPLETED");
            UUID hugeEvent = event(tenant, EventType.IMPORT_JOB_COMPLETED);
            UUID silentEvent = event(silentTenant, EventType.IMPORT_JOB_COMPLETED);

            await("the 5 MB answer delivered", () -> "DELIVERED".equals(deliveryStatus(hugeEndpoint, hugeEvent)));
            Map<String, Object> attempt = attempts((UUID) delivery(hugeEndpoint, hugeEvent).get("id")).get(0);
            assertThat(((String) attempt.get("response")).length()).isEqualTo(4096);

            await("the silent receiver given up after its three attempts",
                    () -> "FAILED".equals(deliveryStatus(silentEndpoint, silentEvent)));
            List<Map<String, Object>> attempts = attempts((UUID) delivery(silentEndpoint, silentEvent).get("id"));
            assertThat(attempts).hasSize(3).allSatisfy(a -> {
                assertThat(a.get("status_code")).isNull();
                assertThat((String) a.get("error")).startsWith("timed out");
            });
            assertThat(silent.requests()).hasSize(3);

            String afterTenant = "t-" + UUID.randomUUID();
            UUID afterEndpoint = endpoint(afterTenant, after.url(), secret, "IMPORT_JOB_COMPLETED");
            UUID afterEvent = event(afterTenant, EventType.IMPORT_JOB_COMPLETED);
            await("the loop still delivers", () -> "DELIVERED".equals(deliveryStatus(afterEndpoint, afterEvent)));
            never.countDown();
        }
    }

    @Test
    void aRedirectIsAFailedAttemptAndItsTargetIsNeverAsked() throws Exception {
        String secret = secret();
        try (Receiver receiver = Receiver.start(secret)
                .otherwise(request -> Receiver.Answer.redirect("http://10.0.0.1/internal"))) {
            UUID endpoint = endpoint(tenant, receiver.url(), secret, "IMPORT_JOB_COMPLETED");
            UUID event = event(tenant, EventType.IMPORT_JOB_COMPLETED);

            await("given up", () -> "FAILED".equals(deliveryStatus(endpoint, event)));
            List<Map<String, Object>> attempts = attempts((UUID) delivery(endpoint, event).get("id"));
            assertThat(attempts).hasSize(3).allSatisfy(a -> {
                assertThat(a.get("status_code")).isEqualTo(302);
                assertThat((String) a.get("error")).isEqualTo("redirect not followed (to http://10.0.0.1/internal)");
            });
        }
    }

    @Test
    void bothSecretsSignDuringARotationAndOnlyTheNewOneAfterIt() throws Exception {
        String old = secret();
        String fresh = secret();
        try (Receiver oldOnly = Receiver.start(old); Receiver newOnly = Receiver.start(fresh)) {
            UUID a = endpoint(tenant, oldOnly.url(), fresh, "IMPORT_JOB_COMPLETED");
            String otherTenant = "t-" + UUID.randomUUID();
            UUID b = endpoint(otherTenant, newOnly.url(), fresh, "IMPORT_JOB_COMPLETED");
            // rotated: the new secret signs, the previous one too until the overlap ends
            jdbc.sql("UPDATE webhook_endpoints SET previous_secret = :old, previous_secret_until = now() + interval '1 hour'"
                    + " WHERE id IN (:a, :b)").param("old", old).param("a", a).param("b", b).update();
            UUID during = event(tenant, EventType.IMPORT_JOB_COMPLETED);
            UUID duringB = event(otherTenant, EventType.IMPORT_JOB_COMPLETED);
            await("delivered during the overlap", () -> "DELIVERED".equals(deliveryStatus(a, during))
                    && "DELIVERED".equals(deliveryStatus(b, duringB)));
            assertThat(oldOnly.requests()).singleElement().satisfies(r -> {
                assertThat(r.verified()).as(r.verifyError()).isTrue();
                assertThat(r.signature().split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
            });
            assertThat(newOnly.requests()).singleElement().matches(Receiver.Request::verified);

            jdbc.sql("UPDATE webhook_endpoints SET previous_secret_until = now() - interval '1 second' WHERE id IN (:a, :b)")
                    .param("a", a).param("b", b).update();
            UUID afterA = event(tenant, EventType.IMPORT_JOB_COMPLETED);
            UUID afterB = event(otherTenant, EventType.IMPORT_JOB_COMPLETED);
            await("delivered after the overlap", () -> "DELIVERED".equals(deliveryStatus(b, afterB))
                    && oldOnly.requests().size() >= 2);
            assertThat(newOnly.requests()).hasSize(2).allMatch(Receiver.Request::verified);
            assertThat(newOnly.requests().get(1).signature().split(" ")).hasSize(1);
            // the old secret's receiver can no longer verify: the message is no longer signed with it
            assertThat(oldOnly.requests().get(1).verified()).isFalse();
            assertThat(afterA).isNotNull();
        }
    }

    @Test
    void aTenantsEndpointNeverReceivesAnotherTenantsEvents() throws Exception {
        String secret = secret();
        String acme = "acme-" + UUID.randomUUID();
        String globex = "globex-" + UUID.randomUUID();
        try (Receiver acmeReceiver = Receiver.start(secret); Receiver globexReceiver = Receiver.start(secret)) {
            endpoint(acme, acmeReceiver.url(), secret, "*");
            endpoint(globex, globexReceiver.url(), secret, "*");
            List<UUID> acmeEvents = IntStream.range(0, 5).mapToObj(i -> event(acme, EventType.IMPORT_JOB_COMPLETED))
                    .toList();
            List<UUID> globexEvents = IntStream.range(0, 7).mapToObj(i -> event(globex, EventType.IMPORT_JOB_FAILED))
                    .toList();

            await("every event delivered", () -> acmeReceiver.requests().size() == 5
                    && globexReceiver.requests().size() == 7);
            assertThat(eventIds(acmeReceiver)).isEqualTo(Set.copyOf(acmeEvents.stream().map(UUID::toString).toList()));
            assertThat(eventIds(globexReceiver)).isEqualTo(Set.copyOf(globexEvents.stream().map(UUID::toString).toList()));
            Thread.sleep(300);
            assertThat(acmeReceiver.requests()).hasSize(5);
            assertThat(globexReceiver.requests()).hasSize(7);
        }
    }

    @Test
    void importingNNewRowsDeliversExactlyNCreatedEvents() throws Exception {
        String secret = secret();
        try (Receiver receiver = Receiver.start(secret)) {
            UUID endpoint = endpoint(tenant, receiver.url(), secret, "RESTAURANT_*");
            int n = 37;
            StringBuilder csv = new StringBuilder("external_id,name,city\n");
            for (int i = 0; i < n; i++) {
                csv.append("R").append(i).append(",Diner ").append(i).append(",Lisbon\n");
            }
            UUID job = importFile("restaurants", utf8(csv.toString()), "{}");
            assertThat(counts(job).created()).isEqualTo(n);

            await(n + " deliveries", () -> receiver.requests().size() >= n && jdbc.sql(
                    "SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = :id AND status = 'DELIVERED'")
                    .param("id", endpoint).query(Long.class).single() == n);
            Thread.sleep(300);
            List<Receiver.Request> requests = receiver.requests();
            assertThat(requests).hasSize(n).allMatch(Receiver.Request::verified);
            assertThat(requests).allMatch(r -> r.body().contains("\"event_type\": \"RESTAURANT_CREATED\""));
            assertThat(requests.stream().map(Receiver.Request::webhookId).collect(Collectors.toSet())).hasSize(n);
            assertThat(jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = :id").param("id", endpoint)
                    .query(Long.class).single()).isEqualTo(n);
        }
    }

    /**
     * Both deliveries become due in one commit, so one claim takes them: the one whose secret this worker's key
     * cannot open fails on its own, recorded, and the other goes out on its first attempt.
     */
    @Test
    void aSecretThatCannotBeOpenedFailsOnlyItsOwnDelivery() throws Exception {
        String secret = secret();
        String sealedElsewhere = SecretBox.of("AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=").seal(secret);
        String otherTenant = "t-" + UUID.randomUUID();
        try (Receiver locked = Receiver.start(secret); Receiver open = Receiver.start(secret)) {
            UUID lockedEndpoint = endpoint(tenant, locked.url(), sealedElsewhere, "IMPORT_JOB_COMPLETED");
            UUID openEndpoint = endpoint(otherTenant, open.url(), secret, "IMPORT_JOB_COMPLETED");
            UUID[] events = tx.execute(status -> new UUID[] {event(tenant, EventType.IMPORT_JOB_COMPLETED),
                    event(otherTenant, EventType.IMPORT_JOB_COMPLETED)});

            await("the open one delivered", () -> "DELIVERED".equals(deliveryStatus(openEndpoint, events[1])));
            Map<String, Object> delivered = delivery(openEndpoint, events[1]);
            assertThat(delivered.get("attempts")).isEqualTo(1);
            assertThat(attempts((UUID) delivered.get("id"))).extracting(a -> a.get("status_code")).containsExactly(200);
            assertThat(open.requests()).singleElement().matches(Receiver.Request::verified);

            await("the locked one given up", () -> "FAILED".equals(deliveryStatus(lockedEndpoint, events[0])));
            Map<String, Object> failed = delivery(lockedEndpoint, events[0]);
            assertThat(failed.get("attempts")).isEqualTo(3);
            assertThat(failed.get("last_error")).isEqualTo("signing secret cannot be opened: check SECRETS_KEY");
            assertThat(attempts((UUID) failed.get("id"))).hasSize(3).allSatisfy(a -> {
                assertThat(a.get("status_code")).isNull();
                assertThat(a.get("error")).isEqualTo("signing secret cannot be opened: check SECRETS_KEY");
            });
            assertThat(locked.requests()).as("nothing goes out unsigned").isEmpty();
            Map<String, Object> endpoint = jdbc.sql("SELECT enabled, failing_since FROM webhook_endpoints WHERE id = :id")
                    .param("id", lockedEndpoint).query().singleRow();
            assertThat(endpoint).as("the receiver is not to blame").containsEntry("enabled", true)
                    .containsEntry("failing_since", null);
        }
    }

    /**
     * An attempt whose lease ended while it ran reports late, after a later attempt took the delivery over: its
     * success is logged but decides nothing; the attempt that holds the delivery does.
     */
    @Test
    void aLateOutcomeOfAnEarlierAttemptDecidesNothing() {
        UUID endpoint = endpoint(tenant, "https://example.test/hook", secret(), "IMPORT_JOB_COMPLETED");
        // claimed twice: attempt 2 holds it (due again only in an hour, so this test's loop leaves it alone)
        UUID id = jdbc.sql("INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, message_id, payload,"
                        + " attempts, next_attempt_at) VALUES (:endpoint, gen_random_uuid(), 'IMPORT_JOB_COMPLETED',"
                        + " 'msg_late', '{}', 2, now() + interval '1 hour') RETURNING id")
                .param("endpoint", endpoint).query(UUID.class).single();
        java.time.Instant started = java.time.Instant.now();

        store.delivered(new Claimed(id, endpoint, "https://example.test/hook", "msg_late", "{}", 1, 0, List.of(),
                started), started, new Outcome(200, null, "late", 7));

        assertThat(jdbc.sql("SELECT status, attempts, delivered_at FROM webhook_deliveries WHERE id = :id")
                .param("id", id).query().singleRow()).containsEntry("status", "PENDING").containsEntry("attempts", 2)
                .containsEntry("delivered_at", null);
        assertThat(attempts(id)).singleElement().satisfies(a -> {
            assertThat(a.get("attempt")).isEqualTo(1);
            assertThat(a.get("status_code")).isEqualTo(200);
        });

        store.delivered(new Claimed(id, endpoint, "https://example.test/hook", "msg_late", "{}", 2, 0, List.of(),
                started), started, new Outcome(200, null, "ok", 5));

        assertThat(deliveryStatus(endpoint, jdbc.sql("SELECT event_id FROM webhook_deliveries WHERE id = :id")
                .param("id", id).query(UUID.class).single())).isEqualTo("DELIVERED");
        assertThat(attempts(id)).extracting(a -> a.get("attempt")).containsExactly(1, 2);
    }

    private static Set<String> eventIds(Receiver receiver) {
        return receiver.requests().stream().map(r -> r.body().replaceAll(".*\"event_id\": \"([0-9a-f-]{36})\".*", "$1"))
                .collect(Collectors.toSet());
    }

    private static Duration between(Map<String, Object> earlier, Map<String, Object> later) {
        return Duration.between(((Timestamp) earlier.get("started_at")).toInstant(),
                ((Timestamp) later.get("started_at")).toInstant());
    }
}
