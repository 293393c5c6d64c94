package com.bulkimport.api.errorreport;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Inline imports write everything in one transaction; their refused rows land in the error report. */
class InlineImportAndErrorReportIntegrationTest extends ApiIntegrationTest {

    private static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

    @Test
    void stagesValidRowsCutsBatchesAndRecordsRefusedOnes() {
        List<Object> rows = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            rows.add(row("external_id", "R" + i, "name", "Place " + i, "rating", 4.5, "has_table_booking", true));
        }
        rows.add(row("external_id", "R1", "name", "Again"));
        rows.add(row("external_id", "R999", "name", "=HYPERLINK(\"http://evil\")", "rating", 7));

        JsonHttp.Response response = http().postJson("/api/imports/rows", Map.of("kind", "restaurants",
                "rows", rows, "options", Map.of("batch_size", 100)));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode job = response.json();
        String jobId = job.path("job_id").asString();
        assertThat(response.header("Location")).isEqualTo("/api/imports/" + jobId);
        assertThat(job.path("status").asString()).isEqualTo("APPLYING");
        assertThat(job.path("progress").path("total_rows").asLong()).isEqualTo(252);
        assertThat(job.path("progress").path("errors").asLong()).isEqualTo(1);
        assertThat(job.path("progress").path("duplicates").asLong()).isEqualTo(1);
        UUID id = UUID.fromString(jobId);
        assertThat(jdbc.sql("SELECT count(*) FROM staging_restaurants WHERE job_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(251);
        assertThat(jdbc.sql("SELECT string_agg(row_count::text, ',' ORDER BY seq) FROM import_batches WHERE job_id = :id")
                .param("id", id).query(String.class).single()).isEqualTo("100,100,51");
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid = :id AND type = 'IMPORT_BATCH_READY'")
                .param("id", jobId).query(Long.class).single()).isEqualTo(3);

        JsonNode errors = http().get("/api/imports/" + jobId + "/errors?size=10").json();
        assertThat(errors.path("total_items").asLong()).isEqualTo(2);
        assertThat(errors.path("items").get(0).path("code").asString()).isEqualTo("DUPLICATE_IN_FILE");
        assertThat(errors.path("items").get(0).path("row_number").asLong()).isEqualTo(251);
        assertThat(errors.path("items").get(1).path("code").asString()).isEqualTo("OUT_OF_RANGE");
        assertThat(errors.path("items").get(1).path("column").asString()).isEqualTo("rating");

        JsonHttp.Response csv = http().get("/api/imports/" + jobId + "/errors.csv");
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
        assertThat(lines[0]).isEqualTo("external_id,name,rating,has_table_booking,row_number,line_number,column,"
                + "error_code,error_message");
        assertThat(lines[1]).isEqualTo("R1,Again,,,251,,,DUPLICATE_IN_FILE,same record as row 1; the first occurrence is imported");
        assertThat(lines[2]).startsWith("R999,\"'=HYPERLINK(\"\"http://evil\"\")\",7,,252,252,rating,OUT_OF_RANGE,");
        assertThat(lines).hasSize(3);
    }

    @Test
    void floatsAreRoundedToTheFieldsScaleWithOneWarningPerKey() {
        List<Object> rows = List.of(
                row("external_id", "F1", "name", "One", "latitude", 40.814460625261, "rating", 0.1 + 0.2, "votes", 12.0),
                row("external_id", "F2", "name", "Two", "latitude", 1e-300, "rating", 4.5, "votes", "1,500"),
                row("external_id", "F3", "name", "Three", "latitude", "38.7097", "votes", 2.5));

        JsonHttp.Response response = http().postJson("/api/imports/rows", Map.of("kind", "restaurants", "rows", rows));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode job = response.json();
        assertThat(job.path("progress").path("errors").asLong()).isEqualTo(1);
        List<String> warnings = new ArrayList<>();
        job.path("warnings").forEach(w -> warnings.add(w.asString()));
        assertThat(warnings).containsExactly("key 'latitude' (latitude): 2 values rounded to 7 decimal places",
                "key 'rating' (rating): 1 value rounded to 2 decimal places");
        UUID id = UUID.fromString(job.path("job_id").asString());
        assertThat(jdbc.sql("SELECT string_agg(latitude::text || '/' || coalesce(rating::text, '-') || '/' || votes,"
                        + " ' ' ORDER BY row_number) FROM staging_restaurants WHERE job_id = :id")
                .param("id", id).query(String.class).single()).isEqualTo("40.8144606/0.3/12 0/4.5/1500");
        JsonNode errors = http().get("/api/imports/" + id + "/errors").json();
        assertThat(errors.path("items").get(0).path("message").asString())
                .isEqualTo("votes must be a whole number, got '2.5'");
    }

    @Test
    void rowsThatAllFailFinishTheJobAtOnce() {
        JsonHttp.Response response = http().postJson("/api/imports/rows", Map.of("kind", "customers",
                "rows", List.of(row("customer_ref", "C1", "name", "Ann", "email", "nope"))));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("status").asString()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(response.json().path("progress").path("percentage").asDouble()).isEqualTo(100.0);
    }

    @Test
    void refusesBadRequestsWithoutWritingAnything() {
        long jobsBefore = jdbc.sql("SELECT count(*) FROM import_jobs").query(Long.class).single();

        JsonHttp.Response missing = http().postJson("/api/imports/rows", Map.of("kind", "customers",
                "rows", List.of(row("customer_ref", "C1"))));
        JsonHttp.Response notObjects = http().postJson("/api/imports/rows", Map.of("kind", "customers",
                "rows", List.of(1, 2)));
        JsonHttp.Response empty = http().postJson("/api/imports/rows", Map.of("kind", "customers", "rows", List.of()));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").get(0).asString())
                .isEqualTo("rows lack the required field 'name' (no row has it and no default is given)");
        assertThat(notObjects.status()).isEqualTo(400);
        assertThat(notObjects.json().path("errors").toString()).contains("rows[0] is not an object");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM import_jobs").query(Long.class).single()).isEqualTo(jobsBefore);
    }

    @Test
    void tooManyRowsIs413() {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            rows.add(row("customer_ref", "C" + i, "name", "N"));
        }
        JsonHttp.Response response = http().postJson("/api/imports/rows", Map.of("kind", "customers", "rows", rows));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("detail").asString()).contains("at most 10000");
    }

    @Test
    void errorsOfSomeoneElsesOrAnUnknownJobAre404() {
        assertThat(http().get("/api/imports/" + UUID.randomUUID() + "/errors").status()).isEqualTo(404);
        assertThat(http().get("/api/imports/" + UUID.randomUUID() + "/errors.csv").status()).isEqualTo(404);
    }
}
