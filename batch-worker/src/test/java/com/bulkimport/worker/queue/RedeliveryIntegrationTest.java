package com.bulkimport.worker.queue;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivered twice, handled once: effects and inbox rows commit together. */
class RedeliveryIntegrationTest extends WorkerIntegrationTest {

    private static final byte[] FILE = """
            external_id,name
            A,Alpha
            B,Beta
            """.getBytes(StandardCharsets.UTF_8);

    @Autowired
    SqsWorkConsumer consumer;

    @Test
    void aRepeatedStartChangesNothing() {
        UUID jobId = pendingJob(FILE);
        EventEnvelope started = startedEvent(jobId);
        dispatcher.dispatch(started);
        dispatcher.dispatch(started);

        assertThat(jdbc.sql("SELECT count(*) FROM import_batches WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(outboxEvents(jobId, EventType.IMPORT_BATCH_READY)).hasSize(1);
        assertThat(stagedRows(jobId)).isEqualTo(2);
    }

    @Test
    void aRepeatedBatchChangesNothing() {
        UUID jobId = importFile(FILE);
        Map<String, Object> before = job(jobId);

        applyAll(jobId);

        assertThat(job(jobId)).isEqualTo(before);
        assertThat(before).containsEntry("created_count", 2L).containsEntry("processed_rows", 2L)
                .containsEntry("status", "COMPLETED");
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_COMPLETED)).hasSize(1);
    }

    @Test
    void aWorkerThatDiedAfterCommitButBeforeDeleteLosesNothingAndDoublesNothing() {
        UUID jobId = pendingJob(FILE);
        dispatcher.dispatch(startedEvent(jobId));
        EventEnvelope batch = outboxEvents(jobId, EventType.IMPORT_BATCH_READY).get(0);
        SqsClient sqs = INFRA.sqs().client();
        sqs.purgeQueue(b -> b.queueUrl(INFRA.workQueueUrl()));
        sqs.sendMessage(b -> b.queueUrl(INFRA.workQueueUrl()).messageBody(EventCodec.encode(batch)));

        // the first worker receives the message and commits its work, then dies before deleting it
        Message first = receiveOne(sqs);
        dispatcher.dispatch(EventCodec.decode(first.body()));
        Map<String, Object> afterFirst = job(jobId);
        sqs.changeMessageVisibility(b -> b.queueUrl(INFRA.workQueueUrl()).receiptHandle(first.receiptHandle())
                .visibilityTimeout(0));

        // the queue redelivers it to a second worker
        Message redelivered = receiveOne(sqs);
        assertThat(redelivered.messageId()).isEqualTo(first.messageId());
        consumer.process(redelivered);

        assertThat(job(jobId)).isEqualTo(afterFirst);
        assertThat(afterFirst).containsEntry("created_count", 2L).containsEntry("status", "COMPLETED");
        assertThat(jdbc.sql("SELECT count(*) FROM restaurants WHERE tenant = :t").param("t", tenant)
                .query(Long.class).single()).isEqualTo(2);
        List<Message> left = sqs.receiveMessage(b -> b.queueUrl(INFRA.workQueueUrl()).waitTimeSeconds(1)).messages();
        assertThat(left).as("the redelivered copy was deleted").isEmpty();
    }

    private static Message receiveOne(SqsClient sqs) {
        for (int i = 0; i < 10; i++) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(INFRA.workQueueUrl()).waitTimeSeconds(1)
                    .maxNumberOfMessages(1)).messages();
            if (!messages.isEmpty()) {
                return messages.get(0);
            }
        }
        throw new AssertionError("no message arrived");
    }
}
