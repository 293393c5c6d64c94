package com.bulkimport.worker.kafka;

import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.deadletter.DeadLetterConsumer;
import com.bulkimport.worker.queue.SqsWorkConsumer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Jobs and batches that arrive by Kafka: the same handlers, effects exactly once, "not yet" retried. */
class KafkaPipelineIntegrationTest extends KafkaWorkerIntegrationTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    MeterRegistry registry;

    /** 250 restaurants, one repeated (a duplicate) and one with a rating out of range (an error). */
    private static byte[] restaurants() {
        StringBuilder text = new StringBuilder("external_id,name,city,rating\n");
        for (int i = 1; i <= 250; i++) {
            text.append('R').append(i).append(",Name ").append(i).append(",Lisbon,4.0\n");
        }
        text.append("R3,Name 3 again,Lisbon,4.5\n");
        text.append("R999,Too good,Porto,9\n");
        return utf8(text.toString());
    }

    private long restaurantsOfTenant() {
        return jdbc.sql("SELECT count(*) FROM restaurants WHERE tenant = :t").param("t", tenant)
                .query(Long.class).single();
    }

    @Test
    void theSqsConsumersAndClientAreNotThere() {
        assertThat(context.getBeanNamesForType(SqsWorkConsumer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DeadLetterConsumer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SqsClient.class)).isEmpty();
    }

    @Test
    void readinessAsksTheKafkaClusterNotSqs() {
        com.bulkimport.local.embedded.testkit.JsonHttp.Response readiness = new com.bulkimport.local.embedded.testkit.JsonHttp(
                "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port")).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("components").propertyNames())
                .containsExactlyInAnyOrder("db", "kafka", "readinessState", "s3");
        assertThat(readiness.json().path("components").path("kafka").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void aStartedJobAndItsBatchesArrivingByKafkaCompleteTheJobWithExactCounts() {
        UUID jobId = importByKafka("restaurants", restaurants(), "{\"batch_size\": 100}", 3, "COMPLETED_WITH_ERRORS");

        assertThat(counts(jobId)).isEqualTo(new JobCounts(250L, 0L, 0L, 1L, 1L, 252L, "COMPLETED_WITH_ERRORS"));
        assertThat(job(jobId)).containsEntry("processed_rows", 252L).containsEntry("batch_count", 3)
                .containsEntry("batches_done", 3);
        assertThat(jdbc.sql("SELECT seq || ':' || status FROM import_batches WHERE job_id = :id ORDER BY seq")
                .param("id", jobId).query(String.class).list()).containsExactly("0:DONE", "1:DONE", "2:DONE");
        assertThat(restaurantsOfTenant()).isEqualTo(250);
        assertThat(stagedRows(jobId)).isZero();
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_COMPLETED)).hasSize(1);
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_COMPLETED).get(0).payload())
                .containsEntry("created", 250).containsEntry("duplicates", 1).containsEntry("errors", 1);
        allCommitted();
    }

    @Test
    void everyRecordDeliveredAgainChangesNothing() {
        UUID jobId = importByKafka("restaurants", restaurants(), "{\"batch_size\": 100}", 3, "COMPLETED_WITH_ERRORS");
        allCommitted();
        Map<String, Object> before = job(jobId);
        long inboxRows = jdbc.sql("SELECT count(*) FROM inbox_messages WHERE event_id IN (SELECT id FROM outbox_events"
                + " WHERE aggregateid = :id)").param("id", jobId.toString()).query(Long.class).single();

        // the relay died between publishing and marking its rows: it publishes them all again
        assertThat(TestKafka.publishOutbox(jdbc, jobId, EventType.IMPORT_JOB_STARTED)).isEqualTo(1);
        assertThat(TestKafka.publishOutbox(jdbc, jobId, EventType.IMPORT_BATCH_READY)).isEqualTo(3);
        allCommitted();

        assertThat(job(jobId)).isEqualTo(before);
        assertThat(inboxRows).isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox_messages WHERE event_id IN (SELECT id FROM outbox_events"
                + " WHERE aggregateid = :id)").param("id", jobId.toString()).query(Long.class).single()).isEqualTo(4);
        assertThat(restaurantsOfTenant()).isEqualTo(250);
        assertThat(outboxEvents(jobId, EventType.IMPORT_BATCH_READY)).hasSize(3);
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_COMPLETED)).hasSize(1);
    }

    @Test
    void aBatchArrivingBeforeItsJobIsVisibleIsPostponedThenApplied() {
        UUID jobId = pendingJob(utf8("external_id,name\nA,Alpha\nB,Beta\n"));
        dispatcher.dispatch(startedEvent(jobId));
        assertThat(job(jobId)).containsEntry("status", "APPLYING");
        // hide the job and its batch, as a replica that has not caught up would (the staged rows stay)
        String jobRow = jdbc.sql("SELECT row_to_json(j)::text FROM import_jobs j WHERE id = :id").param("id", jobId)
                .query(String.class).single();
        String batchRows = jdbc.sql("SELECT json_agg(b)::text FROM import_batches b WHERE job_id = :id")
                .param("id", jobId).query(String.class).single();
        jdbc.sql("DELETE FROM import_jobs WHERE id = :id").param("id", jobId).update();
        double postponed = postponedBatches();

        assertThat(TestKafka.publishOutbox(jdbc, jobId, EventType.IMPORT_BATCH_READY)).isEqualTo(1);
        eventually(() -> assertThat(postponedBatches()).isGreaterThan(postponed));
        assertThat(depths.work()).as("a postponed record is not committed").isEqualTo(1);

        jdbc.sql("INSERT INTO import_jobs SELECT * FROM json_populate_record(NULL::import_jobs, :row::json)")
                .param("row", jobRow).update();
        jdbc.sql("INSERT INTO import_batches SELECT * FROM json_populate_recordset(NULL::import_batches, :rows::json)")
                .param("rows", batchRows).update();

        eventually(() -> assertThat(job(jobId).get("status")).isEqualTo("COMPLETED"));
        assertThat(counts(jobId)).isEqualTo(new JobCounts(2L, 0L, 0L, 0L, 0L, 2L, "COMPLETED"));
        assertThat(restaurantsOfTenant()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT attempts FROM import_batches WHERE job_id = :id").param("id", jobId)
                .query(Integer.class).single()).as("the one that applied it: postponements are no attempts").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letters WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single()).isZero();
        allCommitted();
    }

    private double postponedBatches() {
        Counter counter = registry.find("bulkimport.work.postponed").tag("transport", "kafka")
                .tag("type", EventType.IMPORT_BATCH_READY.name()).counter();
        return counter == null ? 0 : counter.count();
    }
}
