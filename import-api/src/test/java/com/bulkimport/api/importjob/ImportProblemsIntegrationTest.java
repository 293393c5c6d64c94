package com.bulkimport.api.importjob;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every client mistake gets an RFC 9457 problem detail with a 4xx status, never a 500 or a stack trace. */
class ImportProblemsIntegrationTest extends ApiIntegrationTest {

    private static void assertProblem(JsonHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownJobIs404() {
        JsonHttp.Response response = http().get("/api/imports/" + UUID.randomUUID());
        assertProblem(response, 404);
        assertThat(response.json().path("type").asString()).endsWith("/import-not-found");
    }

    @Test
    void malformedJobIdIs400() {
        assertProblem(http().get("/api/imports/not-a-uuid"), 400);
        assertProblem(http().post("/api/imports/not-a-uuid/start", null, null), 400);
    }

    @Test
    void everyInvalidFieldIsListedAtOnce() {
        JsonHttp.Response response = http().postJson("/api/imports", Map.of("kind", "spaceships",
                "content_length", 0, "mode", "later", "options", Map.of("batch_size", 5, "delimiter", "x",
                        "encoding", "klingon", "decimal_separator", ";", "date_order", "YMD", "time_zone", "Mars/Olympus")));

        assertProblem(response, 400);
        assertThat(response.json().path("errors")).hasSize(10);
        assertThat(response.json().path("errors").toString())
                .contains("kind must be one of restaurants")
                .contains("file_name is required")
                .contains("content_length is required")
                .contains("mode must be COMMIT or DRY_RUN")
                .contains("batch_size must be between 100 and 10000")
                .contains("delimiter must be one of")
                .contains("encoding 'klingon'")
                .contains("decimal_separator")
                .contains("options.date_order must be MDY (month/day/year) or DMY (day/month/year), got 'YMD'")
                .contains("options.time_zone must be an IANA time zone like America/New_York or an offset like +02:00,"
                        + " got 'Mars/Olympus'");
    }

    @Test
    void mappingToAnUnknownFieldIs400() {
        JsonHttp.Response response = http().postJson("/api/imports", Map.of("kind", "restaurants",
                "file_name", "a.csv", "content_length", 10, "options", Map.of("column_mapping", Map.of("Title", "titel"))));
        assertProblem(response, 400);
        assertThat(response.json().path("errors").get(0).asString()).contains("unknown field 'titel'");
    }

    @Test
    void aFileAboveTheLimitIs413() {
        JsonHttp.Response response = http().postJson("/api/imports", Map.of("kind", "restaurants",
                "file_name", "huge.csv", "content_length", 6L * 1024 * 1024 * 1024));
        assertProblem(response, 413);
        assertThat(response.json().path("detail").asString()).contains("limit is 5368709120 bytes");
    }

    @Test
    void brokenJsonIs400() {
        assertProblem(http().postJson("/api/imports", "{\"kind\": "), 400);
    }

    @Test
    void wrongMediaTypeIs415() {
        assertProblem(http().post("/api/imports", "text/csv", "a,b\n1,2\n"), 415);
    }

    @Test
    void badPagingIs400() {
        assertProblem(http().get("/api/imports?size=1000"), 400);
        assertProblem(http().get("/api/imports?page=-1"), 400);
        assertProblem(http().get("/api/imports?page=abc"), 400);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        assertProblem(http().get("/api/nothing-here"), 404);
        assertProblem(http().post("/api/imports/" + UUID.randomUUID(), "application/json", "{}"), 405);
    }
}
