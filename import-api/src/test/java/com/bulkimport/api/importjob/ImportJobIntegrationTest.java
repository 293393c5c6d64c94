package com.bulkimport.api.importjob;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ImportJobIntegrationTest extends ApiIntegrationTest {

    private static final byte[] FILE = "external_id,name\nR1,Cafe Sol\n".getBytes(StandardCharsets.UTF_8);

    private JsonHttp.Response create(Map<String, Object> body) {
        return http().postJson("/api/imports", body);
    }

    private JsonNode createRestaurants(byte[] file) {
        JsonHttp.Response response = create(Map.of("kind", "restaurants", "file_name", "sol.csv",
                "content_length", file.length));
        assertThat(response.status()).isEqualTo(201);
        return response.json();
    }

    private void upload(JsonNode created, byte[] file) {
        JsonHttp.Response put = http().putBytes(created.path("upload").path("url").asString(), file, Map.of());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    private List<String> outboxTypes(String jobId) {
        return jdbc.sql("SELECT type FROM outbox_events WHERE aggregateid = :id ORDER BY created_at")
                .param("id", jobId).query(String.class).list();
    }

    @Test
    void createAnswersWithAPresignedPutForTheJobsKey() {
        Instant before = Instant.now();
        JsonHttp.Response response = create(Map.of("kind", "restaurants", "file_name", "../etc/my file.csv",
                "content_length", 1234, "mode", "COMMIT"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        String jobId = body.path("job_id").asString();
        assertThat(response.header("Location")).isEqualTo("/api/imports/" + jobId);
        assertThat(body.path("status").asString()).isEqualTo("AWAITING_UPLOAD");
        assertThat(body.path("file_name").asString()).isEqualTo("my file.csv");
        JsonNode upload = body.path("upload");
        assertThat(upload.path("method").asString()).isEqualTo("PUT");
        assertThat(upload.path("url").asString())
                .startsWith(INFRA.s3().endpoint() + "/bulk-import-uploads/imports/" + jobId + "/my%20file.csv?")
                .contains("X-Amz-Expires=600");
        assertThat(upload.path("headers").path("Content-Length").asString()).isEqualTo("1234");
        assertThat(Instant.parse(upload.path("expires_at").asString()))
                .isCloseTo(before.plusSeconds(600), within(Duration.ofSeconds(10)));
        assertThat(jdbc.sql("SELECT status FROM import_jobs WHERE id = :id").param("id", UUID.fromString(jobId))
                .query(String.class).single()).isEqualTo("AWAITING_UPLOAD");
        assertThat(outboxTypes(jobId)).containsExactly("IMPORT_JOB_CREATED");
    }

    @Test
    void startChecksTheUploadThenWritesStatusAndEventTogether() {
        JsonNode created = createRestaurants(FILE);
        String jobId = created.path("job_id").asString();
        upload(created, FILE);

        JsonHttp.Response started = http().post("/api/imports/" + jobId + "/start", null, null);

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(outboxTypes(jobId)).containsExactly("IMPORT_JOB_CREATED", "IMPORT_JOB_STARTED");
        String payload = jdbc.sql("SELECT payload::text FROM outbox_events WHERE aggregateid = :id AND type = 'IMPORT_JOB_STARTED'")
                .param("id", jobId).query(String.class).single();
        JsonNode event = JsonHttp.JSON.readTree(payload);
        assertThat(event.path("event_type").asString()).isEqualTo("IMPORT_JOB_STARTED");
        assertThat(event.path("source").asString()).isEqualTo("bulk-import.import-api");
        assertThat(event.path("payload").path("job_id").asString()).isEqualTo(jobId);
        assertThat(event.path("payload").path("object_key").asString()).isEqualTo("imports/" + jobId + "/sol.csv");
        assertThat(event.path("trace_id").asString()).hasSize(32);

        JsonNode status = http().get("/api/imports/" + jobId).json();
        assertThat(status.path("status").asString()).isEqualTo("PENDING");
        assertThat(status.path("timestamps").path("started_at").isNull()).isFalse();
        assertThat(status.path("progress").path("percentage").asDouble()).isZero();
    }

    @Test
    void startingTwiceIsAConflict() {
        JsonNode created = createRestaurants(FILE);
        String jobId = created.path("job_id").asString();
        upload(created, FILE);
        assertThat(http().post("/api/imports/" + jobId + "/start", null, null).status()).isEqualTo(202);

        JsonHttp.Response again = http().post("/api/imports/" + jobId + "/start", null, null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().path("detail").asString()).isEqualTo("cannot start an import that is PENDING");
        assertThat(outboxTypes(jobId)).containsExactly("IMPORT_JOB_CREATED", "IMPORT_JOB_STARTED");
    }

    @Test
    void startingBeforeTheUploadSaysSo() {
        String jobId = createRestaurants(FILE).path("job_id").asString();

        JsonHttp.Response response = http().post("/api/imports/" + jobId + "/start", null, null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().path("type").asString()).endsWith("/upload-missing");
        assertThat(response.json().path("detail").asString()).contains("no file has been uploaded");
        assertThat(outboxTypes(jobId)).containsExactly("IMPORT_JOB_CREATED");
    }

    @Test
    void thePresignedUrlOnlyTakesTheDeclaredLength() {
        JsonNode created = createRestaurants(FILE);
        byte[] longer = "external_id,name\nR1,Cafe Sol\nR2,Other\n".getBytes(StandardCharsets.UTF_8);

        JsonHttp.Response put = http().putBytes(created.path("upload").path("url").asString(), longer, Map.of());

        assertThat(put.status()).isEqualTo(403);
    }

    @Test
    void aFailedOutboxWriteLeavesTheJobAsItWas() {
        JsonNode created = createRestaurants(FILE);
        String jobId = created.path("job_id").asString();
        upload(created, FILE);
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION test_refuse_started() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.type = 'IMPORT_JOB_STARTED' AND NEW.aggregateid = '%s' THEN
                    RAISE EXCEPTION 'outbox refused by test';
                  END IF;
                  RETURN NEW;
                END $$""".formatted(jobId)).update();
        jdbc.sql("CREATE TRIGGER test_refuse_started BEFORE INSERT ON outbox_events FOR EACH ROW"
                + " EXECUTE FUNCTION test_refuse_started()").update();
        try {
            JsonHttp.Response response = http().post("/api/imports/" + jobId + "/start", null, null);

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.json().path("detail").asString()).contains("nothing was changed")
                    .doesNotContain("outbox refused").doesNotContain("Exception");
            assertThat(http().get("/api/imports/" + jobId).json().path("status").asString())
                    .isEqualTo("AWAITING_UPLOAD");
            assertThat(outboxTypes(jobId)).containsExactly("IMPORT_JOB_CREATED");
        } finally {
            jdbc.sql("DROP TRIGGER test_refuse_started ON outbox_events").update();
            jdbc.sql("DROP FUNCTION test_refuse_started()").update();
        }
        assertThat(http().post("/api/imports/" + jobId + "/start", null, null).status()).isEqualTo(202);
        assertThat(outboxTypes(jobId)).containsExactly("IMPORT_JOB_CREATED", "IMPORT_JOB_STARTED");
    }

    @Test
    void listsTheCallersJobsNewestFirstInPages() {
        String first = createRestaurants(FILE).path("job_id").asString();
        String second = createRestaurants(FILE).path("job_id").asString();

        JsonNode page = http().get("/api/imports?page=0&size=2").json();

        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("items").get(0).path("job_id").asString()).isEqualTo(second);
        assertThat(page.path("items").get(1).path("job_id").asString()).isEqualTo(first);
        assertThat(page.path("size").asInt()).isEqualTo(2);
        assertThat(page.path("total_items").asLong()).isGreaterThanOrEqualTo(2);
    }
}
