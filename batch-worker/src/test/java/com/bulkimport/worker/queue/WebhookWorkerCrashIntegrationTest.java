package com.bulkimport.worker.queue;

import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.worker.webhook.Receiver;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker SIGKILLed with deliveries in flight: every event still reaches the receiver at least once, and the
 * ones the dead worker had sent come again with the same webhook-id (their lease ended; nothing recorded them).
 * The receiver holds the first attempts open, so the kill lands mid-delivery every time, not by luck.
 */
class WebhookWorkerCrashIntegrationTest extends WorkerIntegrationTest {

    private static final int EVENTS = 30;
    private static final int SLOTS = 4;
    private static final Map<String, String> SETTINGS = Map.of(
            "bulkimport.webhooks.enabled", "true", "bulkimport.webhooks.allow-private-targets", "true",
            "spring.profiles.active", "local",
            "bulkimport.webhooks.timeout", "5s", "bulkimport.webhooks.lease", "10s",
            "bulkimport.webhooks.per-endpoint-concurrency", Integer.toString(SLOTS),
            "bulkimport.webhooks.poll-interval", "100ms", "bulkimport.mail.enabled", "false",
            "bulkimport.sweeper.enabled", "false");

    @Test
    void everyEventArrivesAtLeastOnceAndARepeatCarriesTheSameWebhookId() throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes());
        CountDownLatch hold = new CountDownLatch(1);
        File log = new File("target/webhook-crash-workers.log");
        try (Receiver receiver = Receiver.start(secret)) {
            for (int i = 0; i < SLOTS; i++) {
                receiver.then(Receiver.Answer.held(200, hold));
            }
            UUID endpoint = UUID.randomUUID();
            jdbc.sql("INSERT INTO webhook_endpoints (id, tenant, owner, url, event_types, secret)"
                            + " VALUES (:id, :tenant, 'tester', :url, ARRAY['IMPORT_JOB_COMPLETED'], :secret)")
                    .param("id", endpoint).param("tenant", tenant).param("url", receiver.url())
                    .param("secret", secret).update();
            List<String> events = IntStream.range(0, EVENTS).mapToObj(i -> event()).toList();

            ChildWorker first = ChildWorker.start(INFRA, SETTINGS, log);
            ChildWorker second = null;
            try {
                awaitTrue("the first worker's attempts in flight", () -> receiver.requests().size() == SLOTS);
                first.kill();
                hold.countDown();
                Set<String> sentBeforeTheKill = receiver.requests().stream().map(Receiver.Request::webhookId)
                        .collect(Collectors.toSet());
                second = ChildWorker.start(INFRA, SETTINGS, log);
                awaitTrue("every delivery done", () -> jdbc.sql("SELECT count(*) FROM webhook_deliveries"
                        + " WHERE endpoint_id = :id AND status = 'DELIVERED'").param("id", endpoint)
                        .query(Long.class).single() == EVENTS);

                List<Receiver.Request> requests = receiver.requests();
                assertThat(requests).allMatch(Receiver.Request::verified);
                Map<String, Set<String>> idsByEvent = requests.stream().collect(Collectors.groupingBy(
                        r -> r.body().replaceAll(".*\"event_id\": \"([0-9a-f-]{36})\".*", "$1"),
                        Collectors.mapping(Receiver.Request::webhookId, Collectors.toSet())));
                assertThat(idsByEvent.keySet()).as("every event arrived").containsExactlyInAnyOrderElementsOf(events);
                assertThat(idsByEvent.values()).as("one webhook-id per event, however often it came")
                        .allMatch(ids -> ids.size() == 1);
                Map<String, Long> arrivals = requests.stream().collect(Collectors.groupingBy(Receiver.Request::webhookId,
                        Collectors.counting()));
                assertThat(requests).hasSize(EVENTS + SLOTS);
                assertThat(arrivals.entrySet().stream().filter(e -> e.getValue() == 2).map(Map.Entry::getKey)
                        .collect(Collectors.toSet())).as("the dead worker's deliveries came again")
                        .isEqualTo(sentBeforeTheKill);
            } finally {
                first.kill();
                if (second != null) {
                    second.kill();
                }
                hold.countDown();
            }
        }
    }

    private String event() {
        EventEnvelope event = EventEnvelope.of(EventType.IMPORT_JOB_COMPLETED, "bulk-import.test", "trace", "COMPLETED",
                Map.of("job_id", UUID.randomUUID().toString(), "kind", "restaurants", "tenant", tenant, "owner", "tester"));
        jdbc.sql("INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, status)"
                        + " VALUES (:id, 'import_job', :job, 'IMPORT_JOB_COMPLETED', CAST(:payload AS jsonb), 'PUBLISHED')")
                .param("id", event.eventId()).param("job", event.payloadText("job_id"))
                .param("payload", EventCodec.encode(event)).update();
        return event.eventId().toString();
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within 3 minutes: " + what).isLessThan(deadline);
            Thread.sleep(25);
        }
    }
}
