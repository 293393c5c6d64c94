package com.bulkimport.worker.faults;

import com.bulkimport.local.embedded.EventRules;
import com.bulkimport.local.embedded.LocalInfra;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the outbox relay for the jobs a test follows, and only those (other tests' leftovers stay
 * where they are): their pending work events go to a work queue of the test's own, straight to the
 * SQS server, never through a gate. Its database connections are new for every statement and its
 * failures are retried, so it outlives a database restart the way the real relay does.
 */
final class FaultRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultRelay.class);

    /** A work queue and its dead-letter queue, with the redrive policy and visibility of the real ones. */
    record Queues(String work, String deadLetters) {

        static Queues create(LocalInfra infra, String name) {
            EventRules.QueueSpec spec = infra.rules().queues().get("work");
            try (SqsClient sqs = infra.sqs().client()) {
                String dlq = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
                String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
                String work = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                        QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                                + "\",\"maxReceiveCount\":\"" + spec.maxReceiveCount() + "\"}",
                        QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(spec.visibilityTimeoutSeconds()))))
                        .queueUrl();
                sqs.purgeQueue(b -> b.queueUrl(work));
                sqs.purgeQueue(b -> b.queueUrl(dlq));
                return new Queues(work, dlq);
            }
        }

        /**
         * Waits until neither queue holds a message, visible or in flight: every delivery was deleted
         * after its handler committed (or, for a dead letter, after it was recorded).
         */
        void awaitDrained(LocalInfra infra, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            try (SqsClient sqs = infra.sqs().client()) {
                String left = "";
                while (System.nanoTime() < deadline) {
                    left = left(sqs, work) + "/" + left(sqs, deadLetters);
                    if (left.equals("0/0")) {
                        return;
                    }
                    Thread.sleep(200);
                }
                throw new AssertionError("messages left (work queue/DLQ) after " + within + ": " + left);
            }
        }

        private static int left(SqsClient sqs, String queue) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
    }

    private final JdbcClient jdbc;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Set<String> jobs = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    FaultRelay(JdbcClient jdbc, LocalInfra infra, Queues queues) {
        this.jdbc = jdbc;
        this.sqs = infra.sqs().client();
        this.queueUrl = queues.work();
        this.thread = new Thread(this::loop, "fault-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void follow(UUID jobId) {
        jobs.add(jobId.toString());
    }

    private void loop() {
        while (running) {
            boolean busy = false;
            try {
                busy = relayOnce();
            } catch (RuntimeException e) {
                log.info("test relay: {} (trying again)", e.toString());
            }
            if (!busy) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private boolean relayOnce() {
        if (jobs.isEmpty()) {
            return false;
        }
        List<Map<String, Object>> pending = jdbc.sql("""
                        SELECT id, payload::text AS payload FROM outbox_events
                        WHERE status = 'PENDING' AND type IN ('IMPORT_JOB_STARTED', 'IMPORT_BATCH_READY')
                          AND aggregateid IN (:jobs)
                        ORDER BY seq LIMIT 100""")
                .param("jobs", List.copyOf(jobs)).query().listOfRows();
        for (Map<String, Object> event : pending) {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody((String) event.get("payload")));
            jdbc.sql("UPDATE outbox_events SET status = 'PUBLISHED', published_at = now() WHERE id = :id")
                    .param("id", event.get("id")).update();
        }
        return !pending.isEmpty();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
        sqs.close();
    }
}
