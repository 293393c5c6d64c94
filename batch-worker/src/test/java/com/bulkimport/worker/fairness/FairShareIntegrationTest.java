package com.bulkimport.worker.fairness;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each tenant's fair share of the work (docs/architecture.md, "Priority and fairness"), with one worker thread
 * that takes the work queue's messages first in, first out: the test plays that queue from the outbox, in the
 * order the events were written, and records the order in which things finish. Nothing is timed.
 */
@TestPropertySource(properties = {"bulkimport.fairness.batches-per-tenant=2", "bulkimport.fairness.ingests-per-tenant=1",
        "bulkimport.sweeper.enabled=false"})
class FairShareIntegrationTest extends WorkerIntegrationTest {

    private final String tenantA = "fair-a-" + UUID.randomUUID();
    private final String tenantB = "fair-b-" + UUID.randomUUID();
    private final String prefix = "F" + UUID.randomUUID().toString().substring(0, 8) + "-";

    /** The work queue as one FIFO worker sees it: the outbox's work events in the order they were written. */
    private final class FifoQueue {
        private final Deque<EventEnvelope> queue = new ArrayDeque<>();
        private final Set<UUID> seen = new HashSet<>();
        private final List<String> handled = new ArrayList<>();

        /** Takes in what was written since the last look, of these tenants' jobs. */
        void fetch() {
            jdbc.sql("""
                            SELECT o.payload::text FROM outbox_events o JOIN import_jobs j ON j.id::text = o.aggregateid
                            WHERE j.tenant IN (:tenants) AND o.type IN ('IMPORT_JOB_STARTED', 'IMPORT_BATCH_READY')
                            ORDER BY o.seq""")
                    .param("tenants", List.of(tenantA, tenantB)).query(String.class).list().stream()
                    .map(EventCodec::decode).filter(event -> seen.add(event.eventId())).forEach(queue::add);
        }

        void add(EventEnvelope event) {
            seen.add(event.eventId());
            queue.add(event);
        }

        /** Hands the first message to the worker, then looks for what its handling wrote. */
        boolean handleNext() {
            fetch();
            EventEnvelope next = queue.poll();
            if (next == null) {
                return false;
            }
            dispatcher.dispatch(next);
            handled.add(label(next));
            return true;
        }
    }

    private final Map<UUID, String> names = new java.util.HashMap<>();

    private String label(EventEnvelope event) {
        String job = names.get(UUID.fromString(event.payloadText("job_id")));
        return event.eventType().equals(EventType.IMPORT_JOB_STARTED.name()) ? job + ":ingest"
                : job + ":" + event.payload().get("seq");
    }

    /** A PENDING customers job of {@code tenant} with {@code rows} rows in batches of 100. */
    private UUID customersJob(String name, String tenant, int rows) {
        StringBuilder csv = new StringBuilder("customer_ref,name\n");
        for (int i = 0; i < rows; i++) {
            csv.append(prefix).append(name).append('-').append(i).append(",Name ").append(i).append('\n');
        }
        byte[] file = utf8(csv.toString());
        UUID id = UUID.randomUUID();
        String key = "imports/" + id + "/file.csv";
        s3.putObject(b -> b.bucket(LocalInfra.BUCKET).key(key), RequestBody.fromBytes(file));
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, file_size, object_key,
                                                 options, trace_id, started_at)
                        VALUES (:id, 'tester', :tenant, 'customers', 'COMMIT', 'PENDING', 'file.csv', :size, :key,
                                '{"batch_size": 100}'::jsonb, 'trace', now())""")
                .param("id", id).param("tenant", tenant).param("size", file.length).param("key", key).update();
        names.put(id, name);
        return id;
    }

    private EventEnvelope started(UUID jobId) {
        return EventEnvelope.of(EventType.IMPORT_JOB_STARTED, "bulk-import.import-api", "trace", "PENDING",
                Map.of("job_id", jobId.toString(), "kind", "customers"));
    }

    private String status(UUID jobId) {
        return jdbc.sql("SELECT status FROM import_jobs WHERE id = :id").param("id", jobId).query(String.class).single();
    }

    private long batchesDone(UUID jobId) {
        return jdbc.sql("SELECT count(*) FROM import_batches WHERE job_id = :id AND status = 'DONE'")
                .param("id", jobId).query(Long.class).single();
    }

    private List<Integer> announced(UUID jobId) {
        return outboxEvents(jobId, EventType.IMPORT_BATCH_READY).stream()
                .map(event -> ((Number) event.payload().get("seq")).intValue()).toList();
    }

    @Test
    void aSmallImportOfAnotherTenantFinishesBehindAtMostTheBigTenantsWindowNotBehindAllItsBatches() {
        UUID big = customersJob("A", tenantA, 1_500);
        UUID small = customersJob("B", tenantB, 50);
        FifoQueue queue = new FifoQueue();

        queue.add(started(big));
        assertThat(queue.handleNext()).isTrue();
        assertThat(status(big)).isEqualTo("APPLYING");
        assertThat(announced(big)).as("15 batches released, only the tenant's window of them announced")
                .containsExactly(0, 1);

        queue.fetch();
        queue.add(started(small));
        Long bigDoneWhenSmallEnded = null;
        while (queue.handleNext()) {
            if (bigDoneWhenSmallEnded == null && status(small).equals("COMPLETED")) {
                bigDoneWhenSmallEnded = batchesDone(big);
            }
        }

        // B's ingest and then its one batch each came behind A's two announced batches, not behind its fifteen
        assertThat(queue.handled.subList(0, 7)).containsExactly("A:ingest", "A:0", "A:1", "B:ingest", "A:2", "A:3",
                "B:0");
        assertThat(bigDoneWhenSmallEnded).isEqualTo(4);
        assertThat(status(big)).isEqualTo("COMPLETED");
        assertThat(counts(big).created()).isEqualTo(1_500);
        assertThat(counts(small).created()).isEqualTo(50);
        assertThat(announced(big)).as("each batch announced exactly once, in order")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 15).boxed().toList());
    }

    @Test
    void aTenantsJobsShareItsWindowRoundRobinAndEachFinishesExactly() {
        UUID first = customersJob("J1", tenantA, 600);
        UUID second = customersJob("J2", tenantA, 600);
        dispatcher.dispatch(started(first));
        dispatcher.dispatch(started(second));
        assertThat(announced(first)).containsExactly(0, 1);
        assertThat(announced(second)).as("the tenant's window is full of J1's batches").isEmpty();
        FifoQueue queue = new FifoQueue();

        while (queue.handleNext()) {
            // drain
        }

        // J1's first two held the window; then each freed slot goes to the job with fewer batches in flight
        assertThat(queue.handled.subList(0, 8)).containsExactly("J1:0", "J1:1", "J2:0", "J1:2", "J2:1", "J1:3",
                "J2:2", "J1:4");
        assertThat(status(first)).isEqualTo("COMPLETED");
        assertThat(status(second)).isEqualTo("COMPLETED");
        assertThat(counts(first).created() + counts(second).created()).isEqualTo(1_200);
    }

    @Test
    void aTenantReadsOneFileAtATimeHereTheOthersWaitAndAnotherTenantDoesNot() {
        UUID reading = customersJob("A1", tenantA, 100);
        UUID waiting = customersJob("A2", tenantA, 100);
        UUID other = customersJob("B1", tenantB, 100);
        // A1's ingest has begun (a worker holds it): tenant A's one slot is taken
        assertThat(lifecycle.beginIngest(reading)).isTrue();

        dispatcher.dispatch(started(waiting));
        assertThat(job(waiting)).containsEntry("status", "PENDING").containsEntry("ingest_waiting", true);
        assertThat(stagedRows(waiting, "customers")).isZero();

        dispatcher.dispatch(started(other));
        assertThat(status(other)).as("another tenant's file is read at once").isEqualTo("APPLYING");

        assertThat(outboxEvents(waiting, EventType.IMPORT_JOB_STARTED)).isEmpty();
        dispatcher.dispatch(started(reading));
        assertThat(status(reading)).isEqualTo("APPLYING");
        // its end passed the slot on: A2's ingest is sent again
        List<EventEnvelope> resent = outboxEvents(waiting, EventType.IMPORT_JOB_STARTED);
        assertThat(resent).hasSize(1);
        assertThat(resent.get(0).payload()).containsEntry("resent", true).containsEntry("priority", "normal");
        assertThat(job(waiting)).containsEntry("ingest_waiting", false);

        dispatcher.dispatch(resent.get(0));
        assertThat(status(waiting)).isEqualTo("APPLYING");
        applyAll(waiting);
        applyAll(reading);
        applyAll(other);
        assertThat(List.of(status(reading), status(waiting), status(other)))
                .containsOnly("COMPLETED");
    }
}
