package com.bulkimport.worker;

import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * The worker with its webhook and mail loops running, on a schedule short enough for tests: retries after 1 s
 * and 3 s (three attempts), a 1 s timeout, a 3 s lease; mail retried after 1 s. Receivers listen on loopback, so private targets are
 * allowed here (the policy itself is tested with it off). Tests play the API by writing endpoints and the
 * producers by writing outbox rows: the database's trigger fans them out, as in production.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=batch-worker", "bulkimport.worker.enabled=false", "server.port=0",
                // private targets (receivers on loopback) are a local stack's: refused outside the local profile
                "spring.profiles.active=local",
                "bulkimport.webhooks.enabled=true", "bulkimport.webhooks.allow-private-targets=true",
                "bulkimport.webhooks.retry-delays=1s,3s", "bulkimport.webhooks.timeout=1s",
                "bulkimport.webhooks.lease=3s", "bulkimport.webhooks.poll-interval=50ms",
                "bulkimport.webhooks.threads=8", "bulkimport.webhooks.per-endpoint-concurrency=2",
                "bulkimport.webhooks.jitter=0.2",
                "bulkimport.mail.enabled=true", "bulkimport.mail.poll-interval=200ms",
                // a send refused once (a busy machine's GreenMail) is tried again within the tests' deadline
                "bulkimport.mail.retry-delay=1s",
                "bulkimport.mail.base-url=https://imports.example.test",
                "bulkimport.secrets.key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})
// closed after each class: its loops, left running in the context cache, would take other classes' deliveries
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class DeliveryIntegrationTest extends WorkerIntegrationTest {

    protected static final Duration DEADLINE = Duration.ofSeconds(60);

    protected static String secret() {
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** An endpoint of {@code tenant}, as the API registers it (its secret stored as it is: no sealing needed). */
    protected UUID endpoint(String tenant, String url, String secret, String... patterns) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO webhook_endpoints (id, tenant, owner, url, event_types, secret)
                        VALUES (:id, :tenant, 'tester', :url, :types, :secret)""")
                .param("id", id).param("tenant", tenant).param("url", url).param("types", patterns)
                .param("secret", secret).update();
        return id;
    }

    /** An event of {@code tenant} in the outbox, as a producer writes it (the trigger fans it out). */
    protected UUID event(String tenant, EventType type) {
        EventEnvelope event = EventEnvelope.of(type, "bulk-import.test", "trace", "OK",
                Map.of("job_id", UUID.randomUUID().toString(), "kind", "restaurants", "tenant", tenant,
                        "owner", "tester"));
        jdbc.sql("""
                        INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, status)
                        VALUES (:id, 'import_job', :aggregate, :type, CAST(:payload AS jsonb), 'PUBLISHED')""")
                .param("id", event.eventId()).param("aggregate", event.payloadText("job_id"))
                .param("type", type.name()).param("payload", EventCodec.encode(event)).update();
        return event.eventId();
    }

    protected Map<String, Object> delivery(UUID endpoint, UUID event) {
        return jdbc.sql("SELECT * FROM webhook_deliveries WHERE endpoint_id = :endpoint AND event_id = :event")
                .param("endpoint", endpoint).param("event", event).query().singleRow();
    }

    protected String deliveryStatus(UUID endpoint, UUID event) {
        return (String) delivery(endpoint, event).get("status");
    }

    /** The attempts of a delivery: number, started_at, status_code, error, response. */
    protected List<Map<String, Object>> attempts(UUID deliveryId) {
        return jdbc.sql("SELECT * FROM webhook_attempts WHERE delivery_id = :id ORDER BY attempt")
                .param("id", deliveryId).query().listOfRows();
    }

    /** Waits for a condition, failing with {@code what} after the deadline: behaviour, never timing, is asserted. */
    protected static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
