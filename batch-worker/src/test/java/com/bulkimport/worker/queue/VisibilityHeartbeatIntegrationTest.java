package com.bulkimport.worker.queue;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch that takes three times the visibility timeout is received once: while it runs, the
 * consumer's heartbeat keeps extending its visibility, so the second poller competing for the same
 * queue never gets it. The pollers are the test's own (as the consumer's poll loop receives), so every
 * receive is counted; each hands its message to the real {@link SqsWorkConsumer#process}.
 */
@TestPropertySource(properties = "bulkimport.worker.visibility-timeout=2s")
class VisibilityHeartbeatIntegrationTest extends WorkerIntegrationTest {

    private static final Duration SLOW_APPLY = Duration.ofSeconds(6);

    @Autowired
    SqsWorkConsumer consumer;
    @Autowired
    WorkerProperties properties;

    private final WorkQueue queue = new WorkQueue(INFRA);

    /** One receive as a poller saw it, and how long handling the message took. */
    private record Receive(String messageId, String batchId, int receiveCount, Duration handled) {
    }

    private void slowRow(String customerRef, boolean on) {
        if (on) {
            jdbc.sql("""
                    CREATE OR REPLACE FUNCTION test_slow_apply() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF NEW.customer_ref = '%s' THEN PERFORM pg_sleep(%d); END IF;
                      RETURN NEW;
                    END $$""".formatted(customerRef, SLOW_APPLY.toSeconds())).update();
            jdbc.sql("CREATE TRIGGER test_slow_apply BEFORE INSERT ON customers FOR EACH ROW"
                    + " EXECUTE FUNCTION test_slow_apply()").update();
        } else {
            jdbc.sql("DROP TRIGGER IF EXISTS test_slow_apply ON customers").update();
        }
    }

    @Test
    void aBatchLongerThanTheVisibilityTimeoutIsReceivedAndAppliedOnce() throws Exception {
        assertThat(properties.visibilityTimeout()).isEqualTo(Duration.ofSeconds(2));
        queue.purge();
        String slowRef = "H-" + UUID.randomUUID();
        StringBuilder csv = new StringBuilder("customer_ref,name\n");
        for (int i = 1; i <= 300; i++) {
            csv.append(i == 150 ? slowRef : "H" + i).append(",Name ").append(i).append('\n');
        }
        UUID jobId = pendingJob("customers", utf8(csv.toString()), "{\"batch_size\": 100}", "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));
        List<EventEnvelope> batches = outboxEvents(jobId, EventType.IMPORT_BATCH_READY);
        assertThat(batches).hasSize(3);

        Queue<Receive> receives = new ConcurrentLinkedQueue<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        List<Thread> pollers = new ArrayList<>();
        slowRow(slowRef, true);
        try {
            batches.forEach(queue::send);
            for (int i = 0; i < 2; i++) {
                Thread poller = new Thread(() -> poll(polling, receives), "test-poller-" + i);
                poller.start();
                pollers.add(poller);
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!"COMPLETED".equals(job(jobId).get("status")) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            // keep competing for longer than a visibility timeout: a message not deleted would come back now
            Thread.sleep(properties.visibilityTimeout().multipliedBy(2).toMillis());
        } finally {
            polling.set(false);
            for (Thread poller : pollers) {
                poller.join(10_000);
            }
            slowRow(slowRef, false);
        }

        assertThat(receives).extracting(Receive::batchId).as("each batch received once")
                .containsExactlyInAnyOrderElementsOf(batches.stream().map(b -> b.payloadText("batch_id")).toList());
        assertThat(receives).extracting(Receive::receiveCount).containsOnly(1);
        assertThat(receives).extracting(Receive::handled).as("the slow batch outlived its visibility timeout")
                .anyMatch(took -> took.compareTo(SLOW_APPLY) >= 0);
        assertThat(counts(jobId)).isEqualTo(new JobCounts(300L, 0L, 0L, 0L, 0L, 300L, "COMPLETED"));
        assertThat(jdbc.sql("SELECT seq || ':' || status || ':' || created_count || ':' || attempts FROM import_batches"
                        + " WHERE job_id = :id ORDER BY seq").param("id", jobId).query(String.class).list())
                .containsExactly("0:DONE:100:1", "1:DONE:100:1", "2:DONE:100:1");
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE tenant = :t").param("t", tenant)
                .query(Long.class).single()).isEqualTo(300);
        assertThat(queue.messagesLeft()).isZero();
    }

    /** What the consumer's poll loop does, recording each receive. */
    private void poll(AtomicBoolean polling, Queue<Receive> receives) {
        while (polling.get()) {
            for (Message message : queue.receive(properties.visibilityTimeout())) {
                long started = System.nanoTime();
                consumer.process(message);
                receives.add(new Receive(message.messageId(),
                        com.bulkimport.model.event.EventCodec.decode(message.body()).payloadText("batch_id"),
                        WorkQueue.receiveCount(message), Duration.ofNanos(System.nanoTime() - started)));
            }
        }
    }
}
