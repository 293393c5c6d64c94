package com.bulkimport.api.review;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review step of a dry run (inline rows: the preview is ready when the POST answers): the problems with their
 * counts, then a cell fixed, a default for a column, rows skipped, each re-checked, and the confirm applying exactly
 * the rows the last preview shows.
 */
class ReviewIntegrationTest extends ApiIntegrationTest {

    /**
     * Ten customers: rows 7 and 8 have a bad e-mail, rows 9 and 10 no name (row 9 repeats row 1's customer_ref,
     * so once it is valid it is a duplicate of row 1); the other six are valid.
     */
    private String previewOfTenRows() {
        List<Object> rows = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            rows.add(row("C" + i, "Name " + i, "c" + i + "@example.com"));
        }
        rows.add(row("C7", "Name 7", "nope"));
        rows.add(row("C8", "Name 8", "bad@"));
        rows.add(row("C1", "", "again@example.com"));
        rows.add(row("C10", "", ""));
        JsonHttp.Response created = http().postJson("/api/imports/rows", Map.of("kind", "customers", "mode", "DRY_RUN",
                "rows", rows, "options", Map.of("batch_size", 100)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("status").asString()).isEqualTo("PREVIEW_READY");
        return created.json().path("job_id").asString();
    }

    private static Map<String, Object> row(String ref, String name, String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_ref", ref);
        row.put("name", name);
        row.put("email", email);
        return row;
    }

    private JsonHttp.Response correct(String jobId, Object... operations) {
        return http().postJson("/api/imports/" + jobId + "/corrections", Map.of("operations", List.of(operations)));
    }

    private long count(String sql, String jobId) {
        return jdbc.sql(sql).param("id", UUID.fromString(jobId)).query(Long.class).single();
    }

    @Test
    void problemsAreFixedDefaultedAndSkippedAndTheConfirmAppliesWhatTheLastPreviewShows() {
        String jobId = previewOfTenRows();

        JsonNode problems = http().get("/api/imports/" + jobId + "/problems").json();
        assertThat(problems.path("total_items").asLong()).isEqualTo(4);
        assertThat(problems.path("counts").path("rows").asLong()).isEqualTo(4);
        assertThat(problems.path("counts").path("by_code").toString())
                .isEqualTo("[{\"code\":\"NOT_AN_EMAIL\",\"count\":2},{\"code\":\"REQUIRED\",\"count\":2}]");
        assertThat(problems.path("counts").path("by_column").toString())
                .isEqualTo("[{\"column\":\"email\",\"count\":2},{\"column\":\"name\",\"count\":2}]");
        assertThat(problems.path("columns").toString()).isEqualTo("[\"customer_ref\",\"name\",\"email\"]");
        JsonNode first = problems.path("items").get(0);
        assertThat(first.path("row_number").asLong()).isEqualTo(7);
        assertThat(first.path("column").asString()).isEqualTo("email");
        assertThat(first.path("source_column").asString()).isEqualTo("email");
        assertThat(first.path("code").asString()).isEqualTo("NOT_AN_EMAIL");
        assertThat(first.path("value").asString()).isEqualTo("nope");
        JsonNode names = http().get("/api/imports/" + jobId + "/problems?column=name&size=1&page=1").json();
        assertThat(names.path("total_items").asLong()).isEqualTo(2);
        assertThat(names.path("items").get(0).path("row_number").asLong()).isEqualTo(10);
        assertThat(http().get("/api/imports/" + jobId + "/problems?code=NOT_AN_EMAIL").json().path("total_items")
                .asLong()).isEqualTo(2);

        // a cell fixed: that row alone is validated again, and joins the preview
        JsonHttp.Response fixed = correct(jobId, Map.of("row", 7, "column", "email", "value", "seven@example.com"));
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
        assertThat(fixed.json().path("revalidated").asLong()).isEqualTo(1);
        assertThat(fixed.json().path("fixed").asLong()).isEqualTo(1);
        assertThat(fixed.json().path("rows_with_errors").asLong()).isEqualTo(3);
        assertThat(http().get("/api/imports/" + jobId + "/problems").json().path("total_items").asLong()).isEqualTo(3);
        JsonNode job = http().get("/api/imports/" + jobId).json();
        assertThat(job.path("preview").path("created").asLong()).isEqualTo(7);
        assertThat(job.path("preview").path("errors").asLong()).isEqualTo(3);

        // a default for the empty names: rows 9 and 10 valid, row 9 now a duplicate of row 1
        JsonHttp.Response defaulted = correct(jobId, Map.of("column", "name", "default", "Unknown"));
        assertThat(defaulted.json().path("fixed").asLong()).as(defaulted.body()).isEqualTo(2);
        // every valid row has a name: the default fills no staged row
        assertThat(defaulted.json().path("filled").asLong()).isZero();
        job = http().get("/api/imports/" + jobId).json();
        assertThat(job.path("preview").path("created").asLong()).isEqualTo(8);
        assertThat(job.path("preview").path("duplicates").asLong()).isEqualTo(1);
        assertThat(job.path("preview").path("errors").asLong()).isEqualTo(1);

        // row 8 still refused is skipped, and so is the valid row 2
        JsonHttp.Response skipped = correct(jobId, Map.of("skip", "rows_with_errors"), Map.of("skip_rows", List.of(2)));
        assertThat(skipped.json().path("skipped").asLong()).as(skipped.body()).isEqualTo(2);
        assertThat(skipped.json().path("rows_with_errors").asLong()).isZero();
        problems = http().get("/api/imports/" + jobId + "/problems").json();
        assertThat(problems.path("counts").path("skipped").asLong()).isEqualTo(2);
        assertThat(problems.path("items").toString()).contains("DUPLICATE_IN_FILE").doesNotContain("NOT_AN_EMAIL");
        job = http().get("/api/imports/" + jobId).json();
        assertThat(job.path("preview").path("created").asLong()).isEqualTo(7);
        assertThat(job.path("preview").path("skipped").asLong()).isEqualTo(2);
        assertThat(job.path("progress").path("errors").asLong()).isZero();
        assertThat(job.path("progress").path("skipped").asLong()).isEqualTo(2);

        // the error report has the skipped rows and the duplicate, the fixed rows no more
        String[] csv = http().get("/api/imports/" + jobId + "/errors.csv").body().replace("\uFEFF", "").split("\r\n");
        assertThat(csv).hasSize(4);
        assertThat(csv[1]).contains(",2,", "SKIPPED_AT_REVIEW");
        assertThat(csv[2]).startsWith("C8,Name 8,bad@,8,8,email,NOT_AN_EMAIL,");
        assertThat(csv[3]).contains("DUPLICATE_IN_FILE");

        // the corrections are kept, in order
        assertThat(jdbc.sql("SELECT string_agg(op, ',' ORDER BY id) FROM import_corrections WHERE job_id = :id")
                .param("id", UUID.fromString(jobId)).query(String.class).single())
                .isEqualTo("SET_CELL,COLUMN_DEFAULT,SKIP_ROWS_WITH_ERRORS,SKIP_ROWS");

        JsonHttp.Response confirmed = http().post("/api/imports/" + jobId + "/confirm", null, null);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(202);
        // what goes to the worker: rows 1, 3-7, 9 (the duplicate) and 10 in one batch, with the corrected values
        assertThat(jdbc.sql("SELECT string_agg(row_number || ':' || name || ':' || coalesce(email, '-'), ' '"
                        + " ORDER BY row_number) FROM staging_customers WHERE job_id = :id")
                .param("id", UUID.fromString(jobId)).query(String.class).single())
                .isEqualTo("1:Name 1:c1@example.com 3:Name 3:c3@example.com 4:Name 4:c4@example.com"
                        + " 5:Name 5:c5@example.com 6:Name 6:c6@example.com 7:Name 7:seven@example.com"
                        + " 9:Unknown:again@example.com 10:Unknown:-");
        assertThat(count("SELECT row_count FROM import_batches WHERE job_id = :id", jobId)).isEqualTo(8);
        assertThat(count("SELECT count(*) FROM outbox_events WHERE aggregateid = :id::text"
                + " AND type = 'IMPORT_BATCH_READY'", jobId)).isEqualTo(1);
        // skipped rows count as processed at once, as refused ones do: with the batch's 8 rows, all 10
        assertThat(count("SELECT processed_rows FROM import_jobs WHERE id = :id", jobId)).isEqualTo(2);
        assertThat(count("SELECT batch_count FROM import_jobs WHERE id = :id", jobId)).isEqualTo(1);

        JsonHttp.Response late = correct(jobId, Map.of("skip", "rows_with_errors"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("type").asString()).endsWith("/illegal-job-state");
    }

    @Test
    void correctionsNamingWhatIsNotThereAreRefusedWholeAndSomeoneElsesJobIsNotFound() {
        String jobId = previewOfTenRows();

        JsonHttp.Response refused = correct(jobId,
                Map.of("row", 8, "column", "email", "value", "eight@example.com"),
                Map.of("row", 11, "column", "email", "value", "x@example.com"),
                Map.of("row", 1, "column", "email", "value", "x@example.com"),
                Map.of("row", 7, "column", "phone_number", "value", "1"),
                Map.of("column", "email", "default", "not an address"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().path("type").asString()).endsWith("/correction-refused");
        List<String> errors = new ArrayList<>();
        refused.json().path("errors").forEach(e -> errors.add(e.asString()));
        assertThat(errors).containsExactly(
                "row 11 is out of range: the file has rows 1 to 10",
                "unknown column 'phone_number': name one of the file's columns (customer_ref, name, email) or a field"
                        + " they feed",
                "the default for 'email' is not valid: email must be an e-mail address, got 'not an address'",
                "row 1 has no refused value to fix (it is valid, a duplicate, or skipped)");
        // nothing applied, not even the good first operation
        assertThat(http().get("/api/imports/" + jobId + "/problems").json().path("total_items").asLong()).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM import_corrections WHERE job_id = :id", jobId)).isZero();

        JsonHttp.Response malformed = correct(jobId, Map.of("row", 8, "column", "email"), Map.of("skip", "all"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("errors").toString()).contains("operations[0]: setting a cell needs row,"
                + " column and value", "operations[1]: skip must be rows_with_errors");

        JsonHttp.Response bobCorrects = http(TestUser.BOB).postJson("/api/imports/" + jobId + "/corrections",
                Map.of("operations", List.of(Map.of("skip", "rows_with_errors"))));
        JsonHttp.Response bobReads = http(TestUser.BOB).get("/api/imports/" + jobId + "/problems");
        assertThat(bobCorrects.status()).isEqualTo(404);
        assertThat(bobReads.status()).isEqualTo(404);
        assertThat(count("SELECT skipped_count FROM import_jobs WHERE id = :id", jobId)).isZero();
    }

    @Test
    void aRowNamingARestaurantThatDoesNotExistIsListedAtPreviewAndSkippedWithTheRowsWithErrors() {
        TestUser dave = TestUser.named("dave", "t-" + UUID.randomUUID());
        jdbc.sql("INSERT INTO restaurants (tenant, match_key, external_id, name) VALUES (:tenant, 'id:R1', 'R1', 'Sol')")
                .param("tenant", dave.tenant()).update();
        JsonHttp.Response created = http(dave).postJson("/api/imports/rows", Map.of("kind", "dishes", "mode",
                "DRY_RUN", "rows", List.of(
                        Map.of("restaurant_external_id", "R1", "name", "Soup", "price", "4.5"),
                        Map.of("restaurant_external_id", "R9", "name", "Cake", "price", "3"),
                        Map.of("restaurant_external_id", "R1", "name", "Tea", "price", "-1"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String jobId = created.json().path("job_id").asString();
        assertThat(http(dave).get("/api/imports/" + jobId).json().path("preview").path("errors").asLong()).isEqualTo(2);

        // the preview's unknown restaurant is a problem of its own, with the code, column and message applying gives
        JsonNode problems = http(dave).get("/api/imports/" + jobId + "/problems").json();
        assertThat(problems.path("total_items").asLong()).isEqualTo(2);
        assertThat(problems.path("counts").path("rows").asLong()).isEqualTo(2);
        assertThat(problems.path("counts").path("by_code").toString())
                .isEqualTo("[{\"code\":\"OUT_OF_RANGE\",\"count\":1},{\"code\":\"UNKNOWN_RESTAURANT\",\"count\":1}]");
        JsonNode unknown = problems.path("items").get(0);
        assertThat(unknown.path("row_number").asLong()).isEqualTo(2);
        assertThat(unknown.path("column").asString()).isEqualTo("restaurant_external_id");
        assertThat(unknown.path("source_column").asString()).isEqualTo("restaurant_external_id");
        assertThat(unknown.path("code").asString()).isEqualTo("UNKNOWN_RESTAURANT");
        assertThat(unknown.path("message").asString()).isEqualTo("no restaurant with external_id 'R9' exists;"
                + " import it first");
        assertThat(unknown.path("value").asString()).isEqualTo("R9");
        assertThat(http(dave).get("/api/imports/" + jobId + "/problems?code=UNKNOWN_RESTAURANT").json()
                .path("total_items").asLong()).isEqualTo(1);

        JsonHttp.Response edit = http(dave).postJson("/api/imports/" + jobId + "/corrections",
                Map.of("operations", List.of(Map.of("row", 2, "column", "restaurant_external_id", "value", "R1"))));
        assertThat(edit.status()).as(edit.body()).isEqualTo(422);
        assertThat(edit.json().path("errors").get(0).asString()).isEqualTo("row 2 names a record that does not exist"
                + " yet: that is checked when the row is applied, not a value to fix here; import that record first,"
                + " or skip the row");

        JsonHttp.Response skipped = http(dave).postJson("/api/imports/" + jobId + "/corrections",
                Map.of("operations", List.of(Map.of("skip", "rows_with_errors"))));
        assertThat(skipped.status()).as(skipped.body()).isEqualTo(200);
        assertThat(skipped.json().path("skipped").asLong()).isEqualTo(2);
        problems = http(dave).get("/api/imports/" + jobId + "/problems").json();
        assertThat(problems.path("total_items").asLong()).isZero();
        assertThat(problems.path("counts").path("skipped").asLong()).isEqualTo(2);
        JsonNode job = http(dave).get("/api/imports/" + jobId).json();
        assertThat(job.path("preview").path("created").asLong()).isEqualTo(1);
        assertThat(job.path("preview").path("errors").asLong()).isZero();
        assertThat(job.path("progress").path("skipped").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT string_agg(row_number::text, ',' ORDER BY row_number) FROM staging_dishes"
                        + " WHERE job_id = :id").param("id", UUID.fromString(jobId)).query(String.class).single())
                .isEqualTo("1");
    }

    @Test
    void aStockRowNamingAProductThatDoesNotExistIsListedAtPreview() {
        TestUser erin = TestUser.named("erin", "t-" + UUID.randomUUID());
        jdbc.sql("INSERT INTO products (tenant, sku, name, category, name_brand_key) VALUES (:tenant, 'S1', 'Tea',"
                + " 'Drinks', '#tea')").param("tenant", erin.tenant()).update();
        JsonHttp.Response created = http(erin).postJson("/api/imports/rows", Map.of("kind", "inventory", "mode",
                "DRY_RUN", "rows", List.of(
                        Map.of("store_ref", "ST1", "sku", "S1", "quantity", "3", "updated_at", "2024-03-01 10:00"),
                        Map.of("store_ref", "ST1", "sku", "S9", "quantity", "4", "updated_at", "2024-03-01 10:00"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String jobId = created.json().path("job_id").asString();

        JsonNode problems = http(erin).get("/api/imports/" + jobId + "/problems").json();
        assertThat(problems.path("total_items").asLong()).isEqualTo(1);
        JsonNode unknown = problems.path("items").get(0);
        assertThat(unknown.path("row_number").asLong()).isEqualTo(2);
        assertThat(unknown.path("column").asString()).isEqualTo("sku");
        assertThat(unknown.path("code").asString()).isEqualTo("UNKNOWN_PRODUCT");
        assertThat(unknown.path("message").asString()).isEqualTo("no product with sku 'S9' exists; import it first");
        assertThat(unknown.path("value").asString()).isEqualTo("S9");
    }
}
