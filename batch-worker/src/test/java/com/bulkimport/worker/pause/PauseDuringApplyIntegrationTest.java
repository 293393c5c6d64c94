package com.bulkimport.worker.pause;

import com.bulkimport.engine.job.TransitionRefused;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.sweeper.StuckWorkSweeper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A job paused while its batches are applied: the batch in flight finishes, no other is applied until the
 * resume sends the pending ones again, and the job ends with exact counts. Also: a pause that meets the last
 * batch, a cancel from PAUSED, and the stuck-work sweeper, which leaves paused jobs alone.
 */
class PauseDuringApplyIntegrationTest extends PauseTest {

    @Autowired
    StuckWorkSweeper sweeper;

    private final String prefix = "P" + UUID.randomUUID().toString().substring(0, 8) + "-";

    /** {@code rows} customers, applied in batches of 100. */
    private UUID applying(int rows) {
        StringBuilder csv = new StringBuilder("customer_ref,name\n");
        for (int i = 0; i < rows; i++) {
            csv.append(prefix).append(i).append(",Name ").append(i).append('\n');
        }
        UUID jobId = pendingJob("customers", utf8(csv.toString()), "{\"batch_size\": 100}", "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));
        assertThat(job(jobId)).containsEntry("status", "APPLYING");
        return jobId;
    }

    /** The batch announcements of the job as the release wrote them, in seq order (the relay's delivery). */
    private List<EventEnvelope> released(UUID jobId) {
        return outboxEvents(jobId, EventType.IMPORT_BATCH_READY).stream()
                .filter(event -> !event.payload().containsKey("resent"))
                .sorted(java.util.Comparator.comparingLong(event -> ((Number) event.payload().get("seq")).longValue()))
                .toList();
    }

    private List<String> batches(UUID jobId) {
        return jdbc.sql("SELECT seq || ':' || status FROM import_batches WHERE job_id = :id ORDER BY seq")
                .param("id", jobId).query(String.class).list();
    }

    private long imported() {
        return jdbc.sql("SELECT count(*) FROM customers WHERE tenant = :t AND customer_ref LIKE :p")
                .param("t", tenant).param("p", prefix + "%").query(Long.class).single();
    }

    private long inboxRows(List<EventEnvelope> events) {
        return jdbc.sql("SELECT count(*) FROM inbox_messages WHERE event_id IN (:ids)")
                .param("ids", events.stream().map(EventEnvelope::eventId).toList()).query(Long.class).single();
    }

    /**
     * Applies {@code batch} on another thread and pauses the job while that batch waits inside its transaction,
     * after it read the job as APPLYING: the batch is in flight when the pause commits.
     */
    private void pauseWhileInFlight(UUID jobId, EventEnvelope batch, String heldAtRef) throws Exception {
        try (PauseGate gate = new PauseGate(dataSource, jdbc, "customers",
                "NEW.tenant = '" + tenant + "' AND NEW.customer_ref = '" + heldAtRef + "'")) {
            CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> dispatcher.dispatch(batch));
            gate.awaitWorkerHeld();
            assertThat(pause(jobId)).isEqualTo(JobStatus.PAUSED);
            gate.open();
            inFlight.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theBatchInFlightFinishesNoOtherIsAppliedUntilTheResumeAndTheJobEndsWithExactCounts() throws Exception {
        UUID jobId = applying(450);
        // the tenant's window (4 batches by default) announces the fifth once one of them is applied
        assertThat(released(jobId)).hasSize(4);
        dispatcher.dispatch(released(jobId).get(0));
        List<EventEnvelope> ready = released(jobId);
        assertThat(ready).hasSize(5);
        dispatcher.dispatch(ready.get(1));

        pauseWhileInFlight(jobId, ready.get(2), prefix + "250");
        // the relay delivers the rest while the job is paused: consumed, nothing applied, nothing marked handled
        dispatcher.dispatch(ready.get(3));
        dispatcher.dispatch(ready.get(4));

        assertThat(job(jobId)).containsEntry("status", "PAUSED").containsEntry("created_count", 300L)
                .containsEntry("batches_done", 3);
        assertThat(batches(jobId)).containsExactly("0:DONE", "1:DONE", "2:DONE", "3:PENDING", "4:PENDING");
        assertThat(imported()).isEqualTo(300);
        assertThat(stagedRows(jobId, "customers")).isEqualTo(150);
        assertThat(inboxRows(ready.subList(3, 5))).isZero();
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_PAUSED)).containsEntry("paused_from", "APPLYING");

        assertThat(resume(jobId)).isEqualTo(JobStatus.APPLYING);
        List<EventEnvelope> resent = outboxEvents(jobId, EventType.IMPORT_BATCH_READY).stream()
                .filter(event -> event.payload().containsKey("resent")).toList();
        assertThat(resent).extracting(event -> event.payload().get("seq")).containsExactlyInAnyOrder(3, 4);
        // every announcement, old and new, delivered: each batch is applied once
        applyAll(jobId);

        assertThat(counts(jobId)).isEqualTo(new JobCounts(450L, 0L, 0L, 0L, 0L, 450L, "COMPLETED"));
        assertThat(imported()).isEqualTo(450);
        assertThat(batches(jobId)).containsExactly("0:DONE", "1:DONE", "2:DONE", "3:DONE", "4:DONE");
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_COMPLETED))
                .isEqualTo(finalCounts(jobId, "customers", 450L, 450, 450, 0, 0, 0, 0));
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_RESUMED)).extracting(EventEnvelope::status)
                .containsExactly("APPLYING");
    }

    @Test
    void aPauseThatMeetsTheLastBatchInFlightLetsItCompleteTheJob() throws Exception {
        UUID jobId = applying(150);
        List<EventEnvelope> ready = released(jobId);
        dispatcher.dispatch(ready.get(0));

        pauseWhileInFlight(jobId, ready.get(1), prefix + "120");

        assertThat(counts(jobId)).isEqualTo(new JobCounts(150L, 0L, 0L, 0L, 0L, 150L, "COMPLETED"));
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_COMPLETED)).hasSize(1);
        assertThatThrownBy(() -> resume(jobId)).isInstanceOfSatisfying(TransitionRefused.class,
                e -> assertThat(e.status()).isEqualTo(JobStatus.COMPLETED));
    }

    @Test
    void aJobPausedWhileApplyingIsCancelledAtTheNextBatchBoundary() {
        UUID jobId = applying(450);
        List<EventEnvelope> ready = released(jobId);
        dispatcher.dispatch(ready.get(0));
        dispatcher.dispatch(ready.get(1));
        assertThat(pause(jobId)).isEqualTo(JobStatus.PAUSED);
        dispatcher.dispatch(ready.get(2));

        assertThat(cancel(jobId)).isEqualTo(JobStatus.CANCELLING);
        applyAll(jobId);

        assertThat(job(jobId)).containsEntry("status", "CANCELLED");
        assertThat(imported()).isEqualTo(200);
        assertThat(batches(jobId)).containsExactly("0:DONE", "1:DONE", "2:SKIPPED", "3:SKIPPED", "4:SKIPPED");
        assertThat(stagedRows(jobId, "customers")).isEqualTo(250);
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_CANCELLED))
                .isEqualTo(finalCounts(jobId, "customers", 450L, 200, 200, 0, 0, 0, 0));
    }

    /** A pause is no job's end: no queue and no mail, but a webhook subscribed to the job's events gets both. */
    @Test
    void aPauseAndItsResumeReachTheTenantsWebhooksOnly() {
        UUID endpoint = UUID.randomUUID();
        jdbc.sql("INSERT INTO webhook_endpoints (id, tenant, owner, url, event_types, secret)"
                        + " VALUES (:id, :tenant, 'tester', 'https://hooks.example.com/in', ARRAY['IMPORT_JOB_*'], 'whsec_x')")
                .param("id", endpoint).param("tenant", tenant).update();
        UUID jobId = applying(150);

        pause(jobId);
        resume(jobId);

        assertThat(jdbc.sql("SELECT event_type || ':' || (payload->>'status') FROM webhook_deliveries"
                        + " WHERE endpoint_id = :id ORDER BY created_at, event_type")
                .param("id", endpoint).query(String.class).list())
                .containsExactly("IMPORT_JOB_PAUSED:PAUSED", "IMPORT_JOB_RESUMED:APPLYING");
        assertThat(jdbc.sql("SELECT count(*) FROM email_notifications WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void theStuckWorkSweeperLeavesPausedJobsAlone() {
        UUID whileApplying = applying(150);
        dispatcher.dispatch(released(whileApplying).get(0));
        assertThat(pause(whileApplying)).isEqualTo(JobStatus.PAUSED);
        UUID beforeIngest = pendingJob("customers", utf8("customer_ref,name\n" + prefix + "X,Ann\n"), "{}", "COMMIT");
        assertThat(pause(beforeIngest)).isEqualTo(JobStatus.PAUSED);
        long eventsBefore = jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid IN (:ids)")
                .param("ids", List.of(whileApplying.toString(), beforeIngest.toString())).query(Long.class).single();

        for (int sweepNo = 0; sweepNo < 5; sweepNo++) {
            jdbc.sql("UPDATE import_jobs SET updated_at = now() - interval '1 day' WHERE id IN (:ids)")
                    .param("ids", List.of(whileApplying, beforeIngest)).update();
            sweeper.sweep();
        }

        assertThat(job(whileApplying)).containsEntry("status", "PAUSED").containsEntry("requeued", 0);
        assertThat(job(beforeIngest)).containsEntry("status", "PAUSED").containsEntry("requeued", 0);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid IN (:ids)")
                .param("ids", List.of(whileApplying.toString(), beforeIngest.toString())).query(Long.class).single())
                .as("nothing sent again").isEqualTo(eventsBefore);
        assertThat(batches(whileApplying)).containsExactly("0:DONE", "1:PENDING");
    }
}
