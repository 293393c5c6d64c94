package com.bulkimport.engine.preview;

import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.staging.StagingSummary;
import com.bulkimport.engine.testing.EngineDatabase;
import com.bulkimport.engine.testing.Staging;
import com.bulkimport.engine.testing.TestJobs;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A dry run classifies every row against the database as it is, and writes nothing else. */
class PreviewsIntegrationTest {

    private final EngineDatabase db = EngineDatabase.shared();
    private final TestJobs jobs = new TestJobs(db);
    private final Staging staging = new Staging(db);

    private void customer(String ref, String name, String email) {
        db.jdbc.sql("INSERT INTO customers (tenant, match_key, customer_ref, name, email) VALUES (:t, :ref, :ref, :name,"
                        + " :email)")
                .param("t", jobs.tenant).param("ref", ref).param("name", name).param("email", email).update();
    }

    @Test
    void countsWhatApplyingWouldDoAndShowsExamplesOfEach() {
        customer("C1", "Ann", "ann@example.com");
        customer("C2", "Bo", "bo@example.com");
        JobRef job = jobs.insert(ImportKind.CUSTOMERS, ImportMode.DRY_RUN, JobStatus.INGESTING);
        List<String> header = List.of("customer_ref", "name");

        db.tx.executeWithoutResult(s -> {
            StagingSummary summary = staging.stage(job, 100, header, List.of(
                    List.of("C1", "Ann"),    // unchanged: the file has no email column, so the stored one stays
                    List.of("C2", "Bob"),    // updated
                    List.of("C3", "Cy"),     // created
                    List.of("C3", "Cy"),     // in-file duplicate
                    List.of("C5", "")));     // refused
            db.release.release(job, summary, 100);
        });

        assertThat(jobs.status(job)).isEqualTo(JobStatus.PREVIEW_READY);
        JsonNode preview = JsonMapper.builder().build().readTree(jobs.column(job, "preview").toString());
        assertThat(preview.get("created").asLong()).isEqualTo(1);
        assertThat(preview.get("updated").asLong()).isEqualTo(1);
        assertThat(preview.get("unchanged").asLong()).isEqualTo(1);
        assertThat(preview.get("duplicates").asLong()).isEqualTo(1);
        assertThat(preview.get("errors").asLong()).isEqualTo(1);
        assertThat(preview.at("/samples/updated/0/row_number").asLong()).isEqualTo(2);
        assertThat(preview.at("/samples/updated/0/values/name").asString()).isEqualTo("Bob");
        // beside the new value, the stored one of each field it changes (the unmapped email is not among them)
        assertThat(preview.at("/samples/updated/0/before").toString()).isEqualTo("{\"name\":\"Bo\"}");
        assertThat(preview.at("/samples/created/0/before").isMissingNode()).isTrue();
        assertThat(preview.at("/samples/created/0/row_number").asLong()).isEqualTo(3);
        assertThat(preview.at("/samples/duplicates/0/row_number").asLong()).isEqualTo(4);
        assertThat(preview.at("/samples/errors/0/row_number").asLong()).isEqualTo(5);
        assertThat(db.jdbc.sql("SELECT name FROM customers WHERE tenant = :t ORDER BY customer_ref")
                .param("t", jobs.tenant).query(String.class).list()).as("nothing written").containsExactly("Ann", "Bo");
        assertThat(jobs.events(job)).as("nothing sent until it is confirmed").isEmpty();
    }
}
