package com.bulkimport.worker.queue;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.model.Message;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages that come in an order the database does not expect, through the real queue and the
 * consumer: a batch whose job is not committed yet waits in the queue, a batch for a cancelled job
 * is consumed and changes nothing.
 */
class SqsOutOfOrderIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    SqsWorkConsumer consumer;
    @Autowired
    DataSource dataSource;

    private final WorkQueue queue = new WorkQueue(INFRA);

    @BeforeEach
    void emptyQueue() {
        queue.purge();
    }

    private long customersOfTenant() {
        return jdbc.sql("SELECT count(*) FROM customers WHERE tenant = :t").param("t", tenant).query(Long.class).single();
    }

    private long inboxRows(EventEnvelope event) {
        return jdbc.sql("SELECT count(*) FROM inbox_messages WHERE event_id = :id").param("id", event.eventId())
                .query(Long.class).single();
    }

    private List<String> batchStatuses(UUID jobId) {
        return jdbc.sql("SELECT seq || ':' || status FROM import_batches WHERE job_id = :id ORDER BY seq")
                .param("id", jobId).query(String.class).list();
    }

    @Test
    void aBatchWhoseJobIsNotCommittedYetIsPostponedThenAppliedOnce() throws Exception {
        UUID jobId = pendingJob("customers", utf8("customer_ref,name\nQ1,Ann\nQ2,Bo\nQ3,Cy\n"), "{}", "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));
        EventEnvelope batch = outboxEvents(jobId, EventType.IMPORT_BATCH_READY).get(0);
        // take the job and (by cascade) its batch out, to be written again by a transaction that stays open
        // while the message arrives: the staged rows stay, they belong to no foreign key
        String jobRow = jdbc.sql("SELECT row_to_json(j)::text FROM import_jobs j WHERE id = :id").param("id", jobId)
                .query(String.class).single();
        String batchRows = jdbc.sql("SELECT json_agg(b)::text FROM import_batches b WHERE job_id = :id")
                .param("id", jobId).query(String.class).single();
        jdbc.sql("DELETE FROM import_jobs WHERE id = :id").param("id", jobId).update();

        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            execute(writer, "INSERT INTO import_jobs SELECT * FROM json_populate_record(NULL::import_jobs, ?::json)",
                    jobRow);
            execute(writer, "INSERT INTO import_batches SELECT * FROM json_populate_recordset(NULL::import_batches,"
                    + " ?::json)", batchRows);

            queue.send(batch);
            Message first = queue.next(Duration.ofSeconds(10));
            consumer.process(first);

            // postponed: nothing handled, the message neither deleted nor visible before its delay
            assertThat(inboxRows(batch)).isZero();
            assertThat(customersOfTenant()).isZero();
            assertThat(queue.receive(Duration.ofSeconds(30))).as("hidden for the postponement").isEmpty();
            assertThat(queue.messagesLeft()).isEqualTo(1);
            writer.commit();
        }

        Message again = queue.next(Duration.ofSeconds(15));
        assertThat(WorkQueue.receiveCount(again)).isEqualTo(2);
        consumer.process(again);

        assertThat(counts(jobId)).isEqualTo(new JobCounts(3L, 0L, 0L, 0L, 0L, 3L, "COMPLETED"));
        assertThat(customersOfTenant()).isEqualTo(3);
        assertThat(inboxRows(batch)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status || ':' || attempts FROM import_batches WHERE job_id = :id").param("id", jobId)
                .query(String.class).single()).as("a postponement is no attempt").isEqualTo("DONE:1");
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_COMPLETED))
                .isEqualTo(finalCounts(jobId, "customers", 3L, 3, 3, 0, 0, 0, 0));
        assertThat(queue.receive(Duration.ofSeconds(30))).as("deleted once handled").isEmpty();
        assertThat(queue.messagesLeft()).isZero();
    }

    @Test
    void batchesForACancelledJobAreConsumedWithoutEffects() {
        StringBuilder csv = new StringBuilder("customer_ref,name\n");
        for (int i = 1; i <= 250; i++) {
            csv.append("K").append(i).append(",Name ").append(i).append('\n');
        }
        UUID jobId = pendingJob("customers", utf8(csv.toString()), "{\"batch_size\": 100}", "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));
        List<EventEnvelope> batches = outboxEvents(jobId, EventType.IMPORT_BATCH_READY);
        assertThat(batches).hasSize(3);
        dispatcher.dispatch(batches.get(0));
        // the owner cancels (the API's step): the worker stops at the next batch boundary
        assertThat(ownerCancels(jobId)).isEqualTo(JobStatus.CANCELLING);

        queue.send(batches.get(1));
        queue.send(batches.get(2));
        processAll();

        assertThat(counts(jobId)).isEqualTo(new JobCounts(100L, 0L, 0L, 0L, 0L, 250L, "CANCELLED"));
        assertThat(batchStatuses(jobId)).containsExactly("0:DONE", "1:SKIPPED", "2:SKIPPED");
        assertThat(customersOfTenant()).isEqualTo(100);
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_CANCELLED))
                .isEqualTo(finalCounts(jobId, "customers", 250L, 100, 100, 0, 0, 0, 0));

        // a late copy of a skipped batch (a resend by the sweeper, say) for the job that is CANCELLED now
        Map<String, Object> before = job(jobId);
        long events = jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid = :id")
                .param("id", jobId.toString()).query(Long.class).single();
        Map<String, Object> payload = new HashMap<>(batches.get(1).payload());
        payload.put("resent", true);
        EventEnvelope late = EventEnvelope.of(EventType.IMPORT_BATCH_READY, "bulk-import.batch-worker", "trace",
                "READY", payload);
        queue.send(late);
        assertThat(processAll()).isEqualTo(1);

        assertThat(job(jobId)).isEqualTo(before);
        assertThat(batchStatuses(jobId)).containsExactly("0:DONE", "1:SKIPPED", "2:SKIPPED");
        assertThat(customersOfTenant()).isEqualTo(100);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid = :id")
                .param("id", jobId.toString()).query(Long.class).single()).isEqualTo(events);
        assertThat(queue.messagesLeft()).as("consumed, not left to come back").isZero();
    }

    /** Plays a poller until the queue has nothing more to give. @return messages handled */
    private int processAll() {
        int handled = 0;
        for (List<Message> messages = queue.receive(Duration.ofSeconds(30)); !messages.isEmpty();
             messages = queue.receive(Duration.ofSeconds(30))) {
            consumer.process(messages.get(0));
            handled++;
        }
        return handled;
    }

    private static void execute(Connection connection, String sql, String json) throws java.sql.SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, json);
            statement.executeUpdate();
        }
    }
}
