package com.bulkimport.worker.kafka;

import com.bulkimport.model.event.EventType;
import com.bulkimport.engine.outbox.OutboxWriter;
import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.worker.metrics.QueueDepths;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker with {@code bulkimport.worker.transport=kafka} and its consumers running against a real
 * broker; SQS settings are blanked, since this transport must not need them. Tests play the relay by
 * publishing outbox rows to the work topic ({@link TestKafka#publishOutbox}). The context is closed
 * after each class, so its consumers never outlive the tests that expect them.
 */
@DirtiesContext
public abstract class KafkaWorkerIntegrationTest extends WorkerIntegrationTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("bulkimport.worker.transport", () -> "kafka");
        registry.add("bulkimport.worker.enabled", () -> "true");
        registry.add("bulkimport.worker.concurrency", () -> "2");
        registry.add("bulkimport.worker.kafka.bootstrap-servers", () -> TestKafka.broker().bootstrapServers());
        registry.add("bulkimport.worker.kafka.topic", () -> TestKafka.TOPIC);
        registry.add("bulkimport.worker.kafka.group-id", () -> "worker-it");
        registry.add("bulkimport.worker.kafka.retry.initial-interval", () -> "100ms");
        registry.add("bulkimport.worker.kafka.retry.max-interval", () -> "400ms");
        registry.add("bulkimport.worker.kafka.max-nack-delay", () -> "300ms");
        registry.add("bulkimport.sqs.endpoint", () -> "");
        registry.add("bulkimport.sqs.work-queue-url", () -> "");
        registry.add("bulkimport.sqs.dead-letter-queue-url", () -> "");
        registry.add("bulkimport.sweeper.enabled", () -> "false");
    }

    @Autowired
    protected QueueDepths depths;
    @Autowired
    protected OutboxWriter outbox;

    /** Starts the job as the API does (an outbox row) and publishes that row as the relay would. */
    protected void startByKafka(UUID jobId) {
        outbox.appendForJob(jobId, startedEvent(jobId));
        assertThat(TestKafka.publishOutbox(jdbc, jobId, EventType.IMPORT_JOB_STARTED)).isEqualTo(1);
    }

    /** Ingests and applies the file through Kafka. @return the job, once it ended with {@code status} */
    protected UUID importByKafka(String kind, byte[] file, String optionsJson, int batches, String status) {
        UUID jobId = pendingJob(kind, file, optionsJson, "COMMIT");
        startByKafka(jobId);
        eventually(() -> assertThat(outboxEvents(jobId, EventType.IMPORT_BATCH_READY)).hasSize(batches));
        assertThat(TestKafka.publishOutbox(jdbc, jobId, EventType.IMPORT_BATCH_READY)).isEqualTo(batches);
        eventually(() -> assertThat(job(jobId).get("status")).isEqualTo(status));
        return jobId;
    }

    /** Every record published so far was handled and its offset committed. */
    protected void allCommitted() {
        eventually(() -> assertThat(depths.work()).isZero());
        eventually(() -> assertThat(depths.deadLetters()).isZero());
    }

    protected static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
