package com.bulkimport.worker.kafka;

import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.model.event.EventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What keeps failing ends on the dead-letter topic and fails its job, as with the SQS DLQ; redrive brings it back. */
class KafkaDeadLetterIntegrationTest extends KafkaWorkerIntegrationTest {

    @Autowired
    Environment environment;

    private void poison(boolean on) {
        if (on) {
            jdbc.sql("""
                    CREATE OR REPLACE FUNCTION test_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF NEW.sku = 'POISON' THEN RAISE EXCEPTION 'poisoned product refused by test'; END IF;
                      RETURN NEW;
                    END $$""").update();
            jdbc.sql("CREATE TRIGGER test_poison BEFORE INSERT ON products FOR EACH ROW EXECUTE FUNCTION test_poison()")
                    .update();
        } else {
            jdbc.sql("DROP TRIGGER IF EXISTS test_poison ON products").update();
        }
    }

    private JsonHttp admin() {
        return new JsonHttp("http://127.0.0.1:" + environment.getProperty("local.server.port"));
    }

    private JsonNode letterOf(UUID jobId) {
        JsonHttp.Response letters = admin().get("/admin/dead-letters");
        assertThat(letters.status()).isEqualTo(200);
        JsonNode found = null;
        for (JsonNode letter : letters.json()) {
            if (jobId.toString().equals(letter.path("job_id").asString())) {
                assertThat(found).as("one dead letter for the job").isNull();
                found = letter;
            }
        }
        assertThat(found).as("the job's dead letter").isNotNull();
        return found;
    }

    @Test
    void aPoisonBatchEndsOnTheDeadLetterTopicFailsItsJobAndCompletesWhenRedriven() {
        UUID jobId = pendingJob("products", utf8("sku,name,category\nOK1,Fine,Cat\nPOISON,Bad,Cat\n"), "{}", "COMMIT");
        startByKafka(jobId);
        eventually(() -> assertThat(outboxEvents(jobId, EventType.IMPORT_BATCH_READY)).hasSize(1));
        poison(true);
        try {
            assertThat(TestKafka.publishOutbox(jdbc, jobId, EventType.IMPORT_BATCH_READY)).isEqualTo(1);
            eventually(() -> assertThat(job(jobId).get("status")).isEqualTo("FAILED"));
        } finally {
            poison(false);
        }

        Map<String, Object> failed = job(jobId);
        assertThat(failed).containsEntry("failure_code", "BATCH_FAILED");
        // five deliveries by the error handler's back-off; a consumer-group rebalance on a busy machine can
        // hand the record over once more (Kafka is at least once), and the reason reports what really happened
        Map<String, Object> batch = jdbc.sql("SELECT status, attempts FROM import_batches WHERE job_id = :id")
                .param("id", jobId).query().singleRow();
        assertThat(batch.get("status")).isEqualTo("FAILED");
        int attempts = ((Number) batch.get("attempts")).intValue();
        assertThat(attempts).isBetween(5, 10);
        assertThat((String) failed.get("failure_reason")).isEqualTo("batch 0 failed after " + attempts + " attempts:"
                + " database refused the batch: poisoned product refused by test (retry the import once the cause is"
                + " fixed)");
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_FAILED)).hasSize(1);
        List<ConsumerRecord<String, String>> onTopic = TestKafka.deadLetters().stream()
                .filter(r -> jobId.toString().equals(r.key())).toList();
        assertThat(onTopic).hasSize(1);
        assertThat(header(onTopic.get(0), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("poisoned product refused by test");
        assertThat(header(onTopic.get(0), "event_type")).isEqualTo("IMPORT_BATCH_READY");
        JsonNode letter = letterOf(jobId);
        assertThat(letter.path("event_type").asString()).isEqualTo("IMPORT_BATCH_READY");
        assertThat(letter.path("receive_count").asInt()).as("5 deliveries + the dead-letter one, as SQS counts").isEqualTo(6);
        assertThat(letter.path("message_id").asString()).startsWith("kafka:" + TestKafka.TOPIC + "-");
        assertThat(letter.path("reason").asString()).isEqualTo(failed.get("failure_reason"));
        allCommitted();

        String letterId = letter.path("id").asString();
        assertThat(admin().post("/admin/dead-letters/" + letterId + "/redrive", null, null).status()).isEqualTo(200);
        assertThat(admin().post("/admin/dead-letters/" + letterId + "/redrive", null, null).status()).isEqualTo(409);

        eventually(() -> assertThat(job(jobId).get("status")).isEqualTo("COMPLETED"));
        assertThat(counts(jobId)).isEqualTo(new JobCounts(2L, 0L, 0L, 0L, 0L, 2L, "COMPLETED"));
        assertThat(jdbc.sql("SELECT sku FROM products WHERE tenant = :t ORDER BY sku").param("t", tenant)
                .query(String.class).list()).containsExactly("OK1", "POISON");
        allCommitted();
    }

    @Test
    void anUndecodableRecordAndATombstoneGoToTheDeadLetterTopicAtOnceAndBlockNothingBehindThem() {
        UUID jobId = pendingJob("customers", utf8("customer_ref,name\nC1,Ann\nC2,Bo\n"), "{}", "COMMIT");
        String garbage = "not an event " + UUID.randomUUID();
        long emptyBefore = emptyLetters();
        // same key as the job: same partition, so the job's records queue up behind the garbage and a tombstone
        TestKafka.send(jobId.toString(), garbage, Map.of());
        TestKafka.send(jobId.toString(), null, Map.of());
        startByKafka(jobId);
        eventually(() -> assertThat(outboxEvents(jobId, EventType.IMPORT_BATCH_READY)).hasSize(1));
        TestKafka.publishOutbox(jdbc, jobId, EventType.IMPORT_BATCH_READY);
        eventually(() -> assertThat(job(jobId).get("status")).isEqualTo("COMPLETED"));

        eventually(() -> assertThat(jdbc.sql("SELECT count(*) FROM dead_letters WHERE body = :b").param("b", garbage)
                .query(Long.class).single()).isEqualTo(1));
        Map<String, Object> letter = jdbc.sql("SELECT * FROM dead_letters WHERE body = :b").param("b", garbage)
                .query().singleRow();
        assertThat((String) letter.get("reason")).startsWith("not an event: not an event envelope: ");
        assertThat(letter.get("receive_count")).as("delivered once, then the dead-letter topic").isEqualTo(2);
        assertThat(letter.get("event_id")).isNull();
        assertThat(letter.get("job_id")).isNull();
        assertThat(TestKafka.deadLetters().stream().filter(r -> garbage.equals(r.value())).count()).isEqualTo(1);
        eventually(() -> assertThat(emptyLetters()).as("the tombstone, kept with an empty body").isEqualTo(emptyBefore + 1));
        assertThat(counts(jobId)).isEqualTo(new JobCounts(2L, 0L, 0L, 0L, 0L, 2L, "COMPLETED"));
        allCommitted();
    }

    private long emptyLetters() {
        return jdbc.sql("SELECT count(*) FROM dead_letters WHERE body = '' AND message_id LIKE 'kafka:%'")
                .query(Long.class).single();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
