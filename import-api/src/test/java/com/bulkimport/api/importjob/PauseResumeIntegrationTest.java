package com.bulkimport.api.importjob;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.Fixtures;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/imports/{id}/pause} and {@code …/resume}: what they answer and what they write, through the API. */
class PauseResumeIntegrationTest extends ApiIntegrationTest {

    private JsonHttp.Response post(String jobId, String action) {
        return http().post("/api/imports/" + jobId + "/" + action, null, null);
    }

    private List<String> eventTypes(String jobId) {
        return jdbc.sql("SELECT type FROM outbox_events WHERE aggregateid = :id ORDER BY seq")
                .param("id", jobId).query(String.class).list();
    }

    private String status(String jobId) {
        return jdbc.sql("SELECT status FROM import_jobs WHERE id = :id").param("id", UUID.fromString(jobId))
                .query(String.class).single();
    }


    @Test
    void aJobPausedWhileApplyingShowsNoRateAndResumedSendsItsPendingBatchesAgain() {
        String jobId = new Fixtures(jdbc).job(TestUser.ALICE, "APPLYING");
        jdbc.sql("UPDATE import_jobs SET batch_count = 2, batches_done = 1, total_rows = 200, processed_rows = 100,"
                + " created_count = 100, apply_started_at = now() - interval '10 seconds' WHERE id = :id")
                .param("id", UUID.fromString(jobId)).update();
        new Fixtures(jdbc).batch(jobId, 0, "DONE");
        new Fixtures(jdbc).batch(jobId, 1, "PENDING");

        JsonHttp.Response paused = post(jobId, "pause");

        assertThat(paused.status()).isEqualTo(202);
        assertThat(paused.json().path("status").asString()).isEqualTo("PAUSED");
        JsonHttp.Response shown = http().get("/api/imports/" + jobId);
        assertThat(shown.json().path("progress").path("rows_per_second").isNull()).as("nothing runs").isTrue();
        assertThat(shown.json().path("timestamps").path("estimated_completion").isNull()).isTrue();
        assertThat(shown.json().path("progress").path("percentage").asDouble()).isEqualTo(50.0);
        assertThat(post(jobId, "pause").status()).as("pausing a paused job changes nothing").isEqualTo(202);
        assertThat(eventTypes(jobId)).containsExactly("IMPORT_JOB_PAUSED");

        JsonHttp.Response resumed = post(jobId, "resume");

        assertThat(resumed.status()).isEqualTo(202);
        assertThat(resumed.json().path("status").asString()).isEqualTo("APPLYING");
        assertThat(eventTypes(jobId)).containsExactly("IMPORT_JOB_PAUSED", "IMPORT_JOB_RESUMED", "IMPORT_BATCH_READY");
        assertThat(resumed.headers().firstValue("RateLimit-Remaining")).as("a resume draws from the start bucket")
                .isPresent();
    }

    @Test
    void aJobPausedBeforeItsBatchesIsResumedToReadOnAndCancelledAtOnce() {
        String resumed = new Fixtures(jdbc).job(TestUser.ALICE, "INGESTING");
        String cancelled = new Fixtures(jdbc).job(TestUser.ALICE, "PENDING");
        assertThat(post(resumed, "pause").status()).isEqualTo(202);
        assertThat(post(cancelled, "pause").status()).isEqualTo(202);

        JsonHttp.Response goesOn = post(resumed, "resume");
        JsonHttp.Response stopped = post(cancelled, "cancel");

        assertThat(goesOn.status()).isEqualTo(202);
        assertThat(goesOn.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(eventTypes(resumed)).containsExactly("IMPORT_JOB_PAUSED", "IMPORT_JOB_RESUMED", "IMPORT_JOB_STARTED");
        assertThat(stopped.status()).isEqualTo(202);
        assertThat(stopped.json().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(eventTypes(cancelled)).containsExactly("IMPORT_JOB_PAUSED", "IMPORT_JOB_CANCELLED");
    }

    private void keepKeys(UUID jobId, int keys) {
        jdbc.sql("INSERT INTO staging_keys (job_id, row_number, record_key, barcode, name_brand_key)"
                        + " SELECT :job, i, 'S' || i, '20' || i, 'brand#s' || i FROM generate_series(1, :keys) i")
                .param("job", jobId).param("keys", keys).update();
    }

    private long keysKept(UUID jobId) {
        return jdbc.sql("SELECT count(*) FROM staging_keys WHERE job_id = :job").param("job", jobId)
                .query(Long.class).single();
    }

    @Test
    void aPausedJobWhoseFileWasStillReadIsCancelledWithItsReadAndEveryInFileKey() throws InterruptedException {
        String jobId = new Fixtures(jdbc).job(TestUser.ALICE, "APPLYING");
        UUID id = UUID.fromString(jobId);
        jdbc.sql("UPDATE import_jobs SET still_reading = true, batch_count = 2, batches_done = 1, released_rows = 200,"
                + " ingest_row = 250, processed_rows = 100, created_count = 100 WHERE id = :id").param("id", id).update();
        new Fixtures(jdbc).batch(jobId, 0, "DONE");
        new Fixtures(jdbc).batch(jobId, 1, "PENDING");
        // more keys than one deleting statement takes, and another job's keys, which stay
        keepKeys(id, 120_001);
        UUID otherRead = UUID.randomUUID();
        keepKeys(otherRead, 5);
        assertThat(post(jobId, "pause").status()).isEqualTo(202);

        JsonHttp.Response cancelled = post(jobId, "cancel");

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLING");
        assertThat(jdbc.sql("SELECT still_reading FROM import_jobs WHERE id = :id").param("id", id)
                .query(Boolean.class).single()).as("nobody waits for the rest of the file").isFalse();
        // in the background, after the answer
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (keysKept(id) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(keysKept(id)).isZero();
        assertThat(keysKept(otherRead)).isEqualTo(5);
        assertThat(eventTypes(jobId)).as("the pending batch goes out again for the worker to skip")
                .containsExactly("IMPORT_JOB_PAUSED", "IMPORT_BATCH_READY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWAITING_UPLOAD", "PREVIEW_READY", "CANCELLING", "COMPLETED", "COMPLETED_WITH_ERRORS",
            "FAILED", "CANCELLED"})
    void pauseFromAStatusWhereNothingRunsIsAConflict(String from) {
        String jobId = new Fixtures(jdbc).job(TestUser.ALICE, from);

        JsonHttp.Response refused = post(jobId, "pause");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asString()).endsWith("/illegal-job-state");
        assertThat(refused.json().path("detail").asString()).isEqualTo("cannot pause an import that is " + from);
        assertThat(status(jobId)).isEqualTo(from);
        assertThat(eventTypes(jobId)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWAITING_UPLOAD", "PENDING", "INGESTING", "PREVIEW_READY", "APPLYING", "CANCELLING",
            "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELLED"})
    void resumeOfAJobThatIsNotPausedIsAConflict(String from) {
        String jobId = new Fixtures(jdbc).job(TestUser.ALICE, from);

        JsonHttp.Response refused = post(jobId, "resume");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("type").asString()).endsWith("/illegal-job-state");
        assertThat(refused.json().path("detail").asString()).isEqualTo("cannot resume an import that is " + from);
        assertThat(status(jobId)).isEqualTo(from);
    }

    @Test
    void anAtomicImportIsNotPausedWhileItsRowsAreApplied() {
        String jobId = new Fixtures(jdbc).job(TestUser.ALICE, "APPLYING");
        jdbc.sql("UPDATE import_jobs SET atomic = true WHERE id = :id").param("id", UUID.fromString(jobId)).update();

        JsonHttp.Response refused = post(jobId, "pause");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString())
                .isEqualTo("cannot pause (it is atomic and its rows are being applied) an import that is APPLYING");
    }

    @Autowired
    DataSource dataSource;

    /**
     * The worker releases the batches (INGESTING → APPLYING) while a pause is being decided: the pause waits for
     * that move and pauses the applying job; it never pauses on a status that has just changed.
     */
    @Test
    void aPauseRacingTheWorkersMoveToApplyingPausesTheApplyingJob() throws Exception {
        String jobId = new Fixtures(jdbc).job(TestUser.ALICE, "INGESTING");

        JsonHttp.Response response = WorkerMoveRace.actionDuringTheMove(dataSource, jdbc, jobId, ", batch_count = 1",
                () -> post(jobId, "pause"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("status").asString()).isEqualTo("PAUSED");
        assertThat(jdbc.sql("SELECT payload->'payload'->>'paused_from' FROM outbox_events WHERE aggregateid = :id"
                + " AND type = 'IMPORT_JOB_PAUSED'").param("id", jobId).query(String.class).single()).isEqualTo("APPLYING");

        JsonHttp.Response resumed = post(jobId, "resume");
        assertThat(resumed.json().path("status").asString()).as("it had batches: they are applied on")
                .isEqualTo("APPLYING");
    }

    @Test
    void anotherUsersOrTenantsJobIsNotFound() {
        String running = new Fixtures(jdbc).job(TestUser.ALICE, "APPLYING");
        String paused = new Fixtures(jdbc).job(TestUser.ALICE, "PAUSED");

        for (TestUser stranger : List.of(TestUser.CAROL, TestUser.BOB)) {
            JsonHttp.Response pause = http(stranger).post("/api/imports/" + running + "/pause", null, null);
            JsonHttp.Response resume = http(stranger).post("/api/imports/" + paused + "/resume", null, null);
            assertThat(pause.status()).as(stranger.subject()).isEqualTo(404);
            assertThat(pause.json().path("type").asString()).endsWith("/import-not-found");
            assertThat(resume.status()).as(stranger.subject()).isEqualTo(404);
        }
        assertThat(status(running)).isEqualTo("APPLYING");
        assertThat(status(paused)).isEqualTo("PAUSED");
        assertThat(eventTypes(running)).isEmpty();
        assertThat(eventTypes(paused)).isEmpty();
    }
}
