package com.bulkimport.api.importjob;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.Fixtures;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/imports/{id}/revert}: the preview, the revert job it starts, and the 409s. (What the worker then
 * does to the records: batch-worker's {@code RevertIntegrationTest}.)
 */
class RevertApiIntegrationTest extends ApiIntegrationTest {

    private JsonHttp.Response revert(String jobId, String query) {
        return http().post("/api/imports/" + jobId + "/revert" + query, null, null);
    }

    @Test
    void aPreviewChangesNothingAndTheRevertIsAJobOfItsOwnThatCannotStartTwice() {
        Fixtures fixtures = new Fixtures(jdbc);
        String target = fixtures.revertibleJob(TestUser.ALICE, 5);

        JsonHttp.Response preview = revert(target, "?mode=dry-run");

        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(List.of(preview.json().path("changes").asLong(), preview.json().path("would_delete").asLong(),
                preview.json().path("would_restore").asLong(), preview.json().path("conflicts").asLong()))
                .containsExactly(6L, 5L, 1L, 0L);
        assertThat(preview.json().path("examples").size()).isEqualTo(6);
        assertThat(jdbc.sql("SELECT count(*) FROM import_jobs WHERE reverts_job_id = :id")
                .param("id", UUID.fromString(target)).query(Long.class).single()).isZero();

        JsonHttp.Response started = revert(target, "");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String revertId = started.json().path("job_id").asString();
        assertThat(started.json().path("reverts_job_id").asString()).isEqualTo(target);
        assertThat(started.json().path("status").asString()).isEqualTo("APPLYING");
        assertThat(started.json().path("progress").path("total_rows").asLong()).isEqualTo(6);
        assertThat(started.json().path("progress").path("deleted").asLong()).isZero();
        assertThat(jdbc.sql("SELECT type FROM outbox_events WHERE aggregateid = :id ORDER BY seq").param("id", revertId)
                .query(String.class).list()).containsExactly("IMPORT_JOB_CREATED", "IMPORT_BATCH_READY");

        JsonHttp.Response again = revert(target, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asString()).endsWith("/revert-in-progress");
        JsonHttp.Response ofARevert = revert(revertId, "?mode=dry-run");
        assertThat(ofARevert.status()).isEqualTo(409);
        assertThat(ofARevert.json().path("type").asString()).endsWith("/not-revertible");
        assertThat(revert(fixtures.job(TestUser.ALICE, "APPLYING"), "").status()).as("not finished").isEqualTo(409);
        JsonHttp.Response nothing = revert(fixtures.job(TestUser.ALICE, "COMPLETED"), "");
        assertThat(nothing.json().path("type").asString()).endsWith("/nothing-to-revert");
        assertThat(revert(target, "?mode=sideways").status()).isEqualTo(400);
    }
}
