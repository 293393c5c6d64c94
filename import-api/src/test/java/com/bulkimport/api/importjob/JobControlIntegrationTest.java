package com.bulkimport.api.importjob;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.Fixtures;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry and the settling of a job before its start, as the API changes the job and its outbox. */
class JobControlIntegrationTest extends ApiIntegrationTest {

    private UUID batch(String jobId, int seq, String status) {
        return new Fixtures(jdbc).batch(jobId, seq, status);
    }

    private List<String> batchEvents(String jobId) {
        return jdbc.sql("SELECT payload->'payload'->>'batch_id' FROM outbox_events WHERE aggregateid = :id"
                        + " AND type = 'IMPORT_BATCH_READY' ORDER BY created_at")
                .param("id", jobId).query(String.class).list();
    }

    @Test
    void aRetrySendsTheFailedBatchAndThoseLeftPendingWhileTheJobWasFailedButNeverADoneOne() {
        String jobId = new Fixtures(jdbc).job(TestUser.ALICE, "FAILED");
        // the first attempt applied batch 0 (100 rows) from a start an hour ago
        jdbc.sql("UPDATE import_jobs SET batch_count = 3, failure_code = 'BATCH_FAILED', processed_rows = 100,"
                + " apply_started_at = now() - interval '1 hour' WHERE id = :id")
                .param("id", UUID.fromString(jobId)).update();
        batch(jobId, 0, "DONE");
        UUID failed = batch(jobId, 1, "FAILED");
        UUID heldBack = batch(jobId, 2, "PENDING");

        JsonHttp.Response retried = http().post("/api/imports/" + jobId + "/retry", null, null);

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().path("status").asString()).isEqualTo("APPLYING");
        assertThat(retried.json().path("failure").isNull()).isTrue();
        assertThat(batchEvents(jobId)).containsExactly(failed.toString(), heldBack.toString());
        assertThat(jdbc.sql("SELECT seq || ':' || status FROM import_batches WHERE job_id = :id ORDER BY seq")
                .param("id", UUID.fromString(jobId)).query(String.class).list())
                .containsExactly("0:DONE", "1:PENDING", "2:PENDING");
        // the rate counts from the retry, over the rows it processes: none yet
        assertThat(jdbc.sql("SELECT apply_base_rows || ':' || (apply_started_at > now() - interval '1 minute')"
                + " FROM import_jobs WHERE id = :id").param("id", UUID.fromString(jobId)).query(String.class).single())
                .isEqualTo("100:true");
        assertThat(retried.json().path("progress").path("rows_per_second").isNull()).isTrue();
        assertThat(http().post("/api/imports/" + jobId + "/retry", null, null).status()).isEqualTo(409);
    }

    @Test
    void aJobItsFileFailedIsNotRetriedAndSaysWhy() {
        String jobId = new Fixtures(jdbc).job(TestUser.ALICE, "FAILED");
        jdbc.sql("UPDATE import_jobs SET failure_code = 'NO_DATA_ROWS', failure_reason = 'the file has a header and"
                + " no data rows' WHERE id = :id").param("id", UUID.fromString(jobId)).update();

        JsonHttp.Response refused = http().post("/api/imports/" + jobId + "/retry", null, null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("type").asString()).endsWith("/retry-would-fail-again");
        assertThat(refused.json().path("detail").asString()).isEqualTo("the import failed because of its file"
                + " (NO_DATA_ROWS): a retry would read the same file to the same end; fix the file and import it again");
        assertThat(jdbc.sql("SELECT status FROM import_jobs WHERE id = :id").param("id", UUID.fromString(jobId))
                .query(String.class).single()).isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid = :id AND type = 'IMPORT_JOB_STARTED'")
                .param("id", jobId).query(Long.class).single()).isZero();
    }

    @Test
    void aFinishedImportIsRetriedForItsFailedImagesOnlyWhenItHasSomeAndOnlyByItsOwner() {
        Fixtures fixtures = new Fixtures(jdbc);
        String done = fixtures.job(TestUser.ALICE, "COMPLETED_WITH_ERRORS");
        String allFetched = fixtures.job(TestUser.ALICE, "COMPLETED");
        String running = fixtures.job(TestUser.ALICE, "APPLYING");
        for (String id : List.of(done, allFetched, running)) {
            jdbc.sql("UPDATE import_jobs SET kind = 'products', images_total = 9, images_done = :done,"
                            + " images_failed = 9 - :done WHERE id = :id")
                    .param("done", id.equals(allFetched) ? 9 : 6).param("id", UUID.fromString(id)).update();
        }

        JsonHttp.Response bobs = http(TestUser.BOB).post("/api/imports/" + done + "/retry", null, null);
        assertThat(bobs.status()).isEqualTo(404);

        JsonHttp.Response retried = http().post("/api/imports/" + done + "/retry", null, null);
        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        assertThat(retried.json().path("status").asString()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(retried.json().path("images").path("failed").asLong()).isEqualTo(3);
        List<String> sent = jdbc.sql("SELECT type || ':' || (payload->>'status') FROM outbox_events"
                + " WHERE aggregateid = :id ORDER BY created_at").param("id", done).query(String.class).list();
        assertThat(sent).containsExactly("IMPORT_IMAGES_RETRY:COMPLETED_WITH_ERRORS");

        JsonHttp.Response nothing = http().post("/api/imports/" + allFetched + "/retry", null, null);
        assertThat(nothing.status()).isEqualTo(409);
        assertThat(nothing.json().path("type").asString()).endsWith("/nothing-to-retry");
        assertThat(nothing.json().path("detail").asString()).isEqualTo("the import has finished and none of its images"
                + " failed: a finished import's retry fetches its failed images again, nothing else; to import its"
                + " rows again, import the file again");

        JsonHttp.Response busy = http().post("/api/imports/" + running + "/retry", null, null);
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().path("type").asString()).endsWith("/illegal-job-state");
        assertThat(busy.json().path("detail").asString()).isEqualTo("cannot retry an import that is APPLYING");
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid IN (:ids)")
                .param("ids", List.of(allFetched, running)).query(Long.class).single()).isZero();
    }

    /** The job's one IMPORT_JOB_CANCELLED envelope (status, payload), numbers as longs. */
    private Map<String, Object> cancelledEvent(String jobId) {
        List<String> events = jdbc.sql("SELECT payload::text FROM outbox_events WHERE aggregateid = :id"
                + " AND type = 'IMPORT_JOB_CANCELLED'").param("id", jobId).query(String.class).list();
        assertThat(events).hasSize(1);
        EventEnvelope event = EventCodec.decode(events.get(0));
        assertThat(event.status()).isEqualTo("CANCELLED");
        Map<String, Object> payload = new LinkedHashMap<>(event.payload());
        payload.replaceAll((key, value) -> value instanceof Number number ? number.longValue() : value);
        return payload;
    }

    private static Map<String, Object> finalCounts(String jobId, Long total, long processed, long duplicates,
                                                   long errors) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job_id", jobId);
        payload.put("kind", "customers");
        payload.put("tenant", TestUser.ALICE.tenant());
        payload.put("owner", TestUser.ALICE.subject());
        if (total != null) {
            payload.put("total_rows", total);
        }
        payload.put("processed_rows", processed);
        payload.put("created", 0L);
        payload.put("updated", 0L);
        payload.put("unchanged", 0L);
        payload.put("duplicates", duplicates);
        payload.put("errors", errors);
        return payload;
    }

    @Test
    void aJobCancelledBeforeItRunsReportsItsFinalCounts() {
        String notUploaded = new Fixtures(jdbc).job(TestUser.ALICE, "AWAITING_UPLOAD");
        String preview = new Fixtures(jdbc).job(TestUser.ALICE, "PREVIEW_READY");
        // a dry run of 4 rows: one refused by validation (processed at once), one duplicate, two staged in batch 0
        jdbc.sql("UPDATE import_jobs SET mode = 'DRY_RUN', total_rows = 4, processed_rows = 1, error_count = 1,"
                + " duplicate_count = 1, batch_count = 1 WHERE id = :id").param("id", UUID.fromString(preview)).update();
        batch(preview, 0, "PENDING");

        assertThat(http().post("/api/imports/" + notUploaded + "/cancel", null, null).status()).isEqualTo(202);
        assertThat(http().post("/api/imports/" + preview + "/cancel", null, null).status()).isEqualTo(202);

        // a job that never read its file has no total
        assertThat(cancelledEvent(notUploaded)).isEqualTo(finalCounts(notUploaded, null, 0, 0, 0));
        assertThat(cancelledEvent(preview)).isEqualTo(finalCounts(preview, 4L, 1, 1, 1));
        assertThat(jdbc.sql("SELECT status FROM import_batches WHERE job_id = :id")
                .param("id", UUID.fromString(preview)).query(String.class).single()).isEqualTo("SKIPPED");
    }

    @Autowired
    DataSource dataSource;

    /**
     * The worker moves a job from INGESTING to APPLYING while a cancel is being decided: the cancel must
     * wait for that move and then cancel the applying job, not refuse it for a status that has just changed.
     */
    @Test
    void aCancelRacingTheWorkersMoveToApplyingStillCancels() throws Exception {
        String jobId = new Fixtures(jdbc).job(TestUser.ALICE, "INGESTING");

        JsonHttp.Response response = WorkerMoveRace.actionDuringTheMove(dataSource, jdbc, jobId, "",
                () -> http().post("/api/imports/" + jobId + "/cancel", null, null));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("status").asString()).isEqualTo("CANCELLING");
        assertThat(jdbc.sql("SELECT status FROM import_jobs WHERE id = :id").param("id", UUID.fromString(jobId))
                .query(String.class).single()).isEqualTo("CANCELLING");
    }

    @Test
    void modeAndMappingAreSettledBeforeTheStartAndRefusedAfterIt() {
        String jobId = new Fixtures(jdbc).job(TestUser.ALICE, "AWAITING_UPLOAD");

        JsonHttp.Response settled = http().send(http().request("/api/imports/" + jobId)
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"mode\": \"DRY_RUN\", \"options\": {\"column_mapping\": {\"Client\": \"customer_ref\","
                                + " \"Full Name\": \"name\", \"Notes\": \"\"}, \"delimiter\": \";\"}}")));

        assertThat(settled.status()).as(settled.body()).isEqualTo(200);
        assertThat(settled.json().path("mode").asString()).isEqualTo("DRY_RUN");
        assertThat(jdbc.sql("SELECT options->>'delimiter' || '|' || (options->'column_mapping'->>'Client') || '|'"
                        + " || (options->'column_mapping'->>'Notes') || '|' || mode FROM import_jobs WHERE id = :id")
                .param("id", UUID.fromString(jobId)).query(String.class).single()).isEqualTo(";|customer_ref||DRY_RUN");

        JsonHttp.Response unknownField = http().send(http().request("/api/imports/" + jobId)
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"mode\": \"LATER\", \"options\": {\"column_mapping\": {\"Client\": \"shoe_size\"}}}")));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().path("errors").toString()).contains("mode must be COMMIT or DRY_RUN, got 'LATER'")
                .contains("maps 'Client' to unknown field 'shoe_size'");
        assertThat(http().send(http().request("/api/imports/" + jobId).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{}"))).status()).isEqualTo(400);

        jdbc.sql("UPDATE import_jobs SET status = 'PENDING' WHERE id = :id").param("id", UUID.fromString(jobId)).update();
        JsonHttp.Response late = http().send(http().request("/api/imports/" + jobId).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"mode\": \"COMMIT\"}")));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("detail").asString()).isEqualTo("cannot change an import that is PENDING");
    }

    @Test
    void theJobListIsFilteredByStatusKindAndFileNameAndShowsNobodyElsesJobs() {
        Fixtures fixtures = new Fixtures(jdbc);
        String failed = fixtures.job(TestUser.ALICE, "FAILED");
        String done = fixtures.job(TestUser.ALICE, "COMPLETED");
        String bobs = fixtures.job(TestUser.BOB, "FAILED");
        jdbc.sql("UPDATE import_jobs SET file_name = 'Quarterly-Report.CSV' WHERE id = :id")
                .param("id", UUID.fromString(done)).update();

        List<String> failedOnes = ids("/api/imports?status=FAILED&size=100");
        assertThat(failedOnes).contains(failed).doesNotContain(done, bobs);
        assertThat(ids("/api/imports?status=FAILED,COMPLETED&kind=customers&size=100")).contains(failed, done)
                .doesNotContain(bobs);
        assertThat(ids("/api/imports?file_name=quarterly-report&size=100")).containsExactly(done);
        assertThat(ids("/api/imports?size=100")).doesNotContain(bobs);
        JsonHttp.Response wrong = http().get("/api/imports?status=LOST&kind=shoes");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("errors")).hasSize(2);
    }

    private List<String> ids(String path) {
        JsonHttp.Response page = http().get(path);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        page.json().path("items").forEach(item -> ids.add(item.path("job_id").asString()));
        return ids;
    }
}
