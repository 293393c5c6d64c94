package com.bulkimport.api.purchasebatch;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.Fixtures;
import com.bulkimport.local.embedded.testkit.Multipart;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purchase-import seed's endpoints against the real database and S3Proxy: the multipart upload
 * lands in the bucket byte for byte and leaves a PENDING purchases job with its IMPORT_JOB_STARTED
 * event (no worker runs here), the status speaks the seed's words, the list is per merchant and per
 * caller, someone else's job is not found, and every bad form is a problem detail that stores nothing.
 */
class SeedPurchaseEndpointsIntegrationTest extends ApiIntegrationTest {

    static final byte[] CSV = """
            transaction_ref,purchased_at,customer_ref,sku,quantity,unit_price
            T-1,2026-01-02T10:00:00Z,C-1,SKU-1,2,1.50
            T-1,2026-01-02T10:00:00Z,C-1,SKU-2,1,4.00
            T-2,2026-01-03T09:30:00Z,C-2,SKU-1,3,1.50
            """.getBytes(StandardCharsets.UTF_8);

    @Autowired
    S3Client s3;

    private static Multipart form(byte[] file, String merchant, String batchName) {
        return Multipart.form().file("file", "purchases.csv", file).field("merchant_id", merchant)
                .field("batch_name", batchName);
    }

    private static String merchant() {
        return "store-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String upload(ApiHttp http, String merchant, String batchName) {
        return upload(http, form(CSV, merchant, batchName));
    }

    private static String upload(ApiHttp http, Multipart form) {
        JsonHttp.Response response = http.postMultipart("/api/import/purchases", form);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().path("batch_id").asString();
    }

    private byte[] stored(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(LocalInfra.BUCKET).key(key)).asByteArray();
    }

    private Set<String> storedKeys() {
        Set<String> keys = new TreeSet<>();
        s3.listObjectsV2Paginator(b -> b.bucket(LocalInfra.BUCKET).prefix("imports/")).contents()
                .forEach(object -> keys.add(object.key()));
        return keys;
    }

    private List<String> outboxTypes(String jobId) {
        return jdbc.sql("SELECT type FROM outbox_events WHERE aggregateid = :id ORDER BY seq")
                .param("id", jobId).query(String.class).list();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anUploadIsStoredByteForByteAndLeavesAStartedPurchasesJob() throws Exception {
        String merchant = merchant();

        JsonHttp.Response response = http().postMultipart("/api/import/purchases", form(CSV, merchant, "January 2024"));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String jobId = response.json().path("batch_id").asString();
        assertThat(response.json().path("success").asBoolean()).isTrue();
        assertThat(response.json().path("message").asString())
                .isEqualTo("Import started. Check status endpoint for progress.");
        assertThat(response.json().path("status").asString()).isEqualTo("pending");
        assertThat(response.json().path("status_url").asString()).isEqualTo("/api/import/status/" + jobId);
        assertThat(response.header("Location")).isEqualTo("/api/import/status/" + jobId);

        Map<String, Object> job = jdbc.sql("""
                        SELECT owner, tenant, kind, mode, status, file_name, file_size, file_sha256, object_key, label,
                               options -> 'defaults' ->> 'merchant' AS merchant, started_at IS NOT NULL AS started
                        FROM import_jobs WHERE id = :id""").param("id", UUID.fromString(jobId)).query().singleRow();
        String key = "imports/" + jobId + "/purchases.csv";
        assertThat(job).containsEntry("owner", "alice").containsEntry("tenant", "acme")
                .containsEntry("kind", "purchases").containsEntry("mode", "COMMIT").containsEntry("status", "PENDING")
                .containsEntry("file_name", "purchases.csv").containsEntry("file_size", (long) CSV.length)
                .containsEntry("file_sha256", sha256(CSV)).containsEntry("object_key", key)
                .containsEntry("label", "January 2024").containsEntry("merchant", merchant)
                .containsEntry("started", true);
        assertThat(outboxTypes(jobId)).containsExactly("IMPORT_JOB_CREATED", "IMPORT_JOB_STARTED");
        JsonNode started = JsonHttp.JSON.readTree(jdbc.sql("""
                        SELECT payload::text FROM outbox_events WHERE aggregateid = :id AND type = 'IMPORT_JOB_STARTED'""")
                .param("id", jobId).query(String.class).single());
        assertThat(started.path("status").asString()).isEqualTo("PENDING");
        assertThat(started.path("payload").path("object_key").asString()).isEqualTo(key);
        assertThat(started.path("payload").path("kind").asString()).isEqualTo("purchases");
        assertThat(started.path("payload").path("tenant").asString()).isEqualTo("acme");
        assertThat(started.path("payload").path("owner").asString()).isEqualTo("alice");
        assertThat(stored(key)).isEqualTo(CSV);

        JsonNode view = http().get("/api/imports/" + jobId).json();
        assertThat(view.path("label").asString()).isEqualTo("January 2024");
        assertThat(view.path("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void aFileLargerThanOneUploadPartArrivesWhole() throws Exception {
        // more than the 8 MB the API holds in memory at once: it goes up as a multipart upload of two parts
        StringBuilder csv = new StringBuilder("transaction_ref,purchased_at,customer_ref,sku,quantity,unit_price\n");
        for (int i = 0; csv.length() < 9 * 1024 * 1024; i++) {
            csv.append("T-").append(i).append(",2026-01-02T10:00:00Z,C-").append(i % 97).append(",SKU-")
                    .append(i % 13).append(",1,2.50\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

        String jobId = upload(http(), form(file, merchant(), "nine megabytes"));

        String key = "imports/" + jobId + "/purchases.csv";
        byte[] stored = stored(key);
        assertThat(stored.length).isEqualTo(file.length);
        // S3 names a multipart object by its parts: "<digest of the parts' digests>-<count>"
        assertThat(s3.headObject(b -> b.bucket(LocalInfra.BUCKET).key(key)).eTag()).endsWith("-2\"");
        assertThat(sha256(stored)).isEqualTo(sha256(file));
        assertThat(jdbc.sql("SELECT file_size FROM import_jobs WHERE id = :id").param("id", UUID.fromString(jobId))
                .query(Long.class).single()).isEqualTo(file.length);
    }

    @Test
    void theStatusSpeaksTheSeedsWords() {
        String merchant = merchant();
        String jobId = upload(http(), merchant, "February");

        JsonNode pending = http().get("/api/import/status/" + jobId).json();
        assertThat(pending.path("id").asString()).isEqualTo(jobId);
        assertThat(pending.path("batch_name").asString()).isEqualTo("February");
        assertThat(pending.path("merchant_id").asString()).isEqualTo(merchant);
        assertThat(pending.path("status").asString()).isEqualTo("pending");
        assertThat(pending.path("imported_purchases").asLong()).isZero();
        assertThat(pending.path("imported_items").asLong()).isZero();
        assertThat(pending.path("error_message").isNull()).isTrue();
        assertThat(pending.path("file_name").asString()).isEqualTo("purchases.csv");
        assertThat(pending.path("started_at").isNull()).isFalse();
        assertThat(pending.path("completed_at").isNull()).isTrue();
        assertThat(pending.path("job_status").asString()).isEqualTo("PENDING");
        assertThat(pending.path("job_url").asString()).isEqualTo("/api/imports/" + jobId);

        // what the worker would leave behind: 2 transactions of 3 lines, one transaction seen before
        jdbc.sql("""
                        UPDATE import_jobs SET status = 'COMPLETED', created_count = 2, item_count = 3, duplicate_count = 1,
                               completed_at = now() WHERE id = :id""").param("id", UUID.fromString(jobId)).update();
        JsonNode completed = http().get("/api/import/status/" + jobId).json();
        assertThat(completed.path("status").asString()).isEqualTo("completed");
        assertThat(completed.path("imported_purchases").asLong()).isEqualTo(2);
        assertThat(completed.path("imported_items").asLong()).isEqualTo(3);
        assertThat(completed.path("duplicate_purchases").asLong()).isEqualTo(1);
        assertThat(completed.path("completed_at").isNull()).isFalse();
        assertThat(completed.path("job_status").asString()).isEqualTo("COMPLETED");

        jdbc.sql("""
                        UPDATE import_jobs SET status = 'FAILED', created_count = 0, item_count = 0, error_count = 1,
                               failure_code = 'MISSING_REFERENCES', failure_reason = 'unknown sku SKU-9'
                        WHERE id = :id""").param("id", UUID.fromString(jobId)).update();
        JsonNode failed = http().get("/api/import/status/" + jobId).json();
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("error_message").asString()).isEqualTo("unknown sku SKU-9");
        assertThat(failed.path("error_count").asLong()).isEqualTo(1);
        assertThat(failed.path("imported_purchases").asLong()).isZero();
    }

    @Test
    void theListShowsTheCallersPurchaseJobsForOneMerchantNewestFirstInPages() {
        String merchant = merchant();
        List<String> alices = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alices.add(upload(http(), merchant, "batch " + i));
        }
        String otherMerchant = upload(http(), merchant(), "elsewhere");
        String carols = upload(http(TestUser.CAROL), merchant, "carol's");

        JsonHttp.Response all = http().get("/api/import/list/" + merchant);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("items").valueStream().map(item -> item.path("id").asString()).toList())
                .containsExactly(alices.get(2), alices.get(1), alices.get(0));
        assertThat(all.json().path("items").get(0).path("batch_name").asString()).isEqualTo("batch 2");
        assertThat(all.json().path("items").get(0).path("status").asString()).isEqualTo("pending");
        assertThat(all.json().path("total_items").asLong()).isEqualTo(3);
        assertThat(all.json().path("size").asInt()).isEqualTo(50);

        JsonNode second = http().get("/api/import/list/" + merchant + "?page=1&size=2").json();
        assertThat(second.path("items").valueStream().map(item -> item.path("id").asString()).toList())
                .containsExactly(alices.get(0));
        assertThat(second.path("total_pages").asLong()).isEqualTo(2);

        assertThat(http(TestUser.CAROL).get("/api/import/list/" + merchant).json().path("items").valueStream()
                .map(item -> item.path("id").asString()).toList()).containsExactly(carols);
        assertThat(http(TestUser.BOB).get("/api/import/list/" + merchant).json().path("total_items").asLong()).isZero();
        assertThat(http(TestUser.ADMIN).get("/api/import/list/" + merchant).json().path("total_items").asLong())
                .isEqualTo(4);
        assertThat(http().get("/api/import/list/" + merchant).json().toString()).doesNotContain(otherMerchant);

        JsonHttp.Response tooBig = http().get("/api/import/list/" + merchant + "?size=101");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().path("type").asString()).endsWith("/invalid-request");
    }

    @Test
    void someoneElsesJobAndAJobOfAnotherKindAreNotFound() {
        String jobId = upload(http(), merchant(), "mine");
        String customersJob = new Fixtures(jdbc).job(TestUser.ALICE, "PENDING");

        for (JsonHttp.Response response : List.of(http(TestUser.CAROL).get("/api/import/status/" + jobId),
                http(TestUser.BOB).get("/api/import/status/" + jobId), http().get("/api/import/status/" + customersJob),
                http().get("/api/import/status/" + UUID.randomUUID()))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().path("type").asString()).endsWith("/import-not-found");
            assertThat(response.body()).doesNotContain("mine");
        }
        assertThat(http(TestUser.ADMIN).get("/api/import/status/" + jobId).status()).isEqualTo(200);
        JsonHttp.Response notAnId = http().get("/api/import/status/not-a-uuid");
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.json().path("type").asString()).endsWith("/invalid-parameter");
    }

    @Test
    void aBadFormIsAProblemDetailAndStoresNothing() {
        TestUser someone = TestUser.named("seed-bad-" + UUID.randomUUID(), "acme");
        ApiHttp http = http(someone);
        Set<String> before = storedKeys();

        assertInvalid(http.postMultipart("/api/import/purchases", Multipart.form().file("file", "p.csv", CSV)),
                "merchant_id is required");
        assertInvalid(http.postMultipart("/api/import/purchases", Multipart.form().field("merchant_id", "m1")),
                "file is required: the CSV as a file part named 'file'");
        assertInvalid(http.postMultipart("/api/import/purchases", form(new byte[0], "m1", "empty")), "file is empty");
        assertInvalid(http.postMultipart("/api/import/purchases", form(CSV, "m1", "b").field("colour", "red")
                        .file("file", "again.csv", CSV)),
                "unknown form field 'colour'; the form takes file, merchant_id and batch_name",
                "the form has more than one file part; send one CSV file as 'file'");
        assertInvalid(http.postMultipart("/api/import/purchases", form(CSV, "m\u0000x", "x".repeat(201))),
                "merchant_id must be 1 to 200 printable characters",
                "batch_name must be at most 200 printable characters");
        assertInvalid(http.postMultipart("/api/import/purchases", Multipart.form().field("file", "not a file")
                        .field("merchant_id", "m1")),
                "unknown form field 'file' (file must be a file part, with a filename); the form takes file,"
                        + " merchant_id and batch_name",
                "file is required: the CSV as a file part named 'file'");

        Multipart whole = form(CSV, "m1", "cut");
        // the body ends inside the file part, before its closing boundary
        assertMalformed(http.postBytes("/api/import/purchases", whole.contentType(),
                java.util.Arrays.copyOf(whole.bytes(), 200)), "the multipart body is cut off or malformed");
        assertMalformed(http.postBytes("/api/import/purchases", "multipart/form-data", whole.bytes()),
                "the body is not multipart/form-data with a boundary");

        JsonHttp.Response json = http.postJson("/api/import/purchases", Map.of("merchant_id", "m1"));
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.header("Content-Type")).startsWith("application/problem+json");

        assertThat(jdbc.sql("SELECT count(*) FROM import_jobs WHERE owner = :owner").param("owner", someone.subject())
                .query(Long.class).single()).isZero();
        assertThat(storedKeys()).as("no object left behind").isEqualTo(before);
    }

    private static void assertInvalid(JsonHttp.Response response, String... errors) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).endsWith("/invalid-request");
        assertThat(response.json().path("errors").valueStream().map(JsonNode::asString).toList())
                .containsExactly(errors);
    }

    private static void assertMalformed(JsonHttp.Response response, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).endsWith("/malformed-request");
        assertThat(response.json().path("detail").asString()).isEqualTo(detail);
    }
}
