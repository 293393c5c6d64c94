package com.bulkimport.api.importjob;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.LocalCredentials;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resumable multipart upload against S3Proxy (ApiIntegrationTest: from 10 MB on, parts of 5 MiB, S3's
 * smallest): parts out of order and in parallel, the listing a resume reads, the completion's refusals, cancel.
 */
class MultipartUploadIntegrationTest extends ApiIntegrationTest {

    private static final int PART = 5 * 1024 * 1024;
    /** Three parts: two of 5 MiB and one of 1,000,000 bytes (a CSV of customers, so the start is real). */
    private static final byte[] FILE = csv(2 * PART + 1_000_000);
    private static S3Client s3;

    @BeforeAll
    static void s3() {
        s3 = S3Client.builder().endpointOverride(URI.create(INFRA.s3().endpoint())).region(Region.of(LocalCredentials.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY,
                        LocalCredentials.SECRET_KEY))).forcePathStyle(true).build();
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static byte[] csv(int size) {
        StringBuilder text = new StringBuilder("customer_ref,name\n");
        for (int i = 0; text.length() < size; i++) {
            text.append("MP-").append(i).append(",Customer ").append(i).append('\n');
        }
        text.setLength(size - 1);
        // the cut may fall inside a record: end it there, the file's length stays exact
        return text.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
    }

    private JsonNode create(int length, String uploadMode) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("kind", "customers", "file_name", "big.csv",
                "content_length", length));
        if (uploadMode != null) {
            body.put("upload_mode", uploadMode);
        }
        JsonHttp.Response created = http().postJson("/api/imports", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static byte[] part(byte[] file, int number) {
        return Arrays.copyOfRange(file, (number - 1) * PART, Math.min(file.length, number * PART));
    }

    /** PUTs part {@code number} to its URL from the create's answer; @return the ETag S3 answered with */
    private String put(JsonNode created, byte[] file, int number) {
        JsonNode url = created.path("upload").path("parts").get(number - 1);
        assertThat(url.path("part_number").asInt()).isEqualTo(number);
        JsonHttp.Response put = http().putBytes(url.path("url").asString(), part(file, number), Map.of());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        return put.header("ETag");
    }

    private JsonNode upload(String jobId) {
        JsonHttp.Response status = http().get("/api/imports/" + jobId + "/upload");
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return status.json();
    }

    private static List<Integer> numbers(JsonNode array) {
        List<Integer> numbers = new ArrayList<>();
        array.forEach(n -> numbers.add(n.isInt() ? n.asInt() : n.path("part_number").asInt()));
        return numbers;
    }

    private static Map<String, Object> completion(Object... numberAndEtag) {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (int i = 0; i < numberAndEtag.length; i += 2) {
            parts.add(Map.of("part_number", numberAndEtag[i], "etag", numberAndEtag[i + 1]));
        }
        return Map.of("parts", parts);
    }

    private List<MultipartUpload> uploadsUnder(String jobId) {
        return s3.listMultipartUploads(b -> b.bucket(LocalInfra.BUCKET).prefix("imports/" + jobId + "/")).uploads();
    }

    @Test
    void aFileAboveTheThresholdGoesUpInPartsOutOfOrderAndInParallelIsListedCompletedAndStarted() throws Exception {
        JsonNode created = create(FILE.length, null);
        String jobId = created.path("job_id").asString();
        JsonNode upload = created.path("upload");
        assertThat(upload.path("mode").asString()).isEqualTo("multipart");
        assertThat(upload.path("part_size").asLong()).isEqualTo(PART);
        assertThat(upload.path("part_count").asInt()).isEqualTo(3);
        assertThat(upload.has("url")).isFalse();
        assertThat(numbers(upload.path("parts"))).containsExactly(1, 2, 3);
        assertThat(upload.path("parts").get(0).path("headers").path("Content-Length").asString()).isEqualTo("" + PART);
        assertThat(upload.path("parts").get(2).path("size").asLong()).isEqualTo(1_000_000);
        assertThat(upload.path("complete_url").asString()).isEqualTo("/api/imports/" + jobId + "/upload/complete");
        assertThat(jdbc.sql("SELECT upload_id FROM import_jobs WHERE id = :id").param("id", UUID.fromString(jobId))
                .query(String.class).single()).isEqualTo(upload.path("upload_id").asString());

        // the last part first: then the listing a resume reads names the other two as missing
        String etag3 = put(created, FILE, 3);
        JsonNode afterOne = upload(jobId);
        assertThat(afterOne.path("completed").asBoolean()).isFalse();
        assertThat(numbers(afterOne.path("parts"))).containsExactly(3);
        assertThat(afterOne.path("parts").get(0).path("etag").asString()).isEqualTo(etag3);
        assertThat(afterOne.path("parts").get(0).path("size").asLong()).isEqualTo(1_000_000);
        assertThat(numbers(afterOne.path("missing_parts"))).containsExactly(1, 2);
        assertThat(afterOne.path("uploaded_bytes").asLong()).isEqualTo(1_000_000);

        JsonHttp.Response early = http().post("/api/imports/" + jobId + "/start", null, null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().path("type").asString()).endsWith("/upload-incomplete");

        CompletableFuture<String> etag2 = CompletableFuture.supplyAsync(() -> put(created, FILE, 2));
        CompletableFuture<String> etag1 = CompletableFuture.supplyAsync(() -> put(created, FILE, 1));
        JsonHttp.Response completed = http().postJson("/api/imports/" + jobId + "/upload/complete",
                completion(3, etag3, 1, etag1.get(), 2, etag2.get()));

        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        assertThat(completed.json().path("completed").asBoolean()).isTrue();
        assertThat(completed.json().path("uploaded_bytes").asLong()).isEqualTo(FILE.length);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(LocalInfra.BUCKET).key("imports/" + jobId + "/big.csv"))
                .asByteArray()).isEqualTo(FILE);
        // completing again answers as the first time
        assertThat(http().post("/api/imports/" + jobId + "/upload/complete", null, null).json().path("completed")
                .asBoolean()).isTrue();
        JsonHttp.Response more = http().postJson("/api/imports/" + jobId + "/upload/parts", Map.of("part_numbers", List.of(1)));
        assertThat(more.status()).isEqualTo(409);
        assertThat(more.json().path("detail").asString())
                .isEqualTo("cannot sign parts for a completed upload of an import that is AWAITING_UPLOAD");

        JsonHttp.Response started = http().post("/api/imports/" + jobId + "/start", null, null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void partUrlsComeOnRequestForPartsOfTheUploadOnly() {
        JsonNode created = create(2 * PART + 1, "multipart");
        String jobId = created.path("job_id").asString();

        JsonHttp.Response urls = http().postJson("/api/imports/" + jobId + "/upload/parts",
                Map.of("part_numbers", List.of(3, 1)));

        assertThat(urls.status()).as(urls.body()).isEqualTo(200);
        assertThat(numbers(urls.json().path("parts"))).containsExactly(3, 1);
        assertThat(urls.json().path("parts").get(0).path("headers").path("Content-Length").asString()).isEqualTo("1");
        assertThat(urls.json().path("parts").get(0).path("url").asString()).contains("partNumber=3")
                .contains("uploadId=" + created.path("upload").path("upload_id").asString());
        for (Object refused : List.of(List.of(0), List.of(4), List.of(2, 2), List.of(),
                java.util.stream.IntStream.rangeClosed(1, 101).boxed().toList())) {
            JsonHttp.Response response = http().postJson("/api/imports/" + jobId + "/upload/parts",
                    Map.of("part_numbers", refused));
            assertThat(response.status()).as(refused.toString()).isEqualTo(400);
            assertThat(response.json().path("type").asString()).endsWith("/invalid-request");
        }
        JsonHttp.Response bobs = http(TestUser.BOB).postJson("/api/imports/" + jobId + "/upload/parts",
                Map.of("part_numbers", List.of(1)));
        assertThat(bobs.status()).isEqualTo(404);
        // the same Idempotency-Key and body again: the same job and upload, with its first part URLs again
        Map<String, Object> body = Map.of("kind", "customers", "file_name", "again.csv", "content_length", PART + 1,
                "upload_mode", "multipart");
        String key = UUID.randomUUID().toString();
        JsonHttp.Response first = http().with("Idempotency-Key", key).postJson("/api/imports", body);
        JsonHttp.Response replayed = http().with("Idempotency-Key", key).postJson("/api/imports", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().path("job_id")).isEqualTo(first.json().path("job_id"));
        assertThat(replayed.json().path("upload").path("upload_id")).isEqualTo(first.json().path("upload").path("upload_id"));
        assertThat(numbers(replayed.json().path("upload").path("parts"))).containsExactly(1, 2);
        // a small file without upload_mode keeps its single PUT, which has no parts
        JsonNode single = create(100, null);
        assertThat(single.path("upload").path("mode").asString()).isEqualTo("single");
        assertThat(single.path("upload").path("method").asString()).isEqualTo("PUT");
        JsonHttp.Response notMultipart = http().post("/api/imports/" + single.path("job_id").asString()
                + "/upload/complete", null, null);
        assertThat(notMultipart.status()).isEqualTo(409);
        assertThat(notMultipart.json().path("type").asString()).endsWith("/upload-not-multipart");
    }

    @Test
    void aMissingPartAWrongEtagOrAPartOfTheWrongSizeIsA422AndTheUploadGoesOn() {
        byte[] file = csv(PART + 10);
        JsonNode created = create(file.length, "multipart");
        String jobId = created.path("job_id").asString();
        String complete = "/api/imports/" + jobId + "/upload/complete";
        String etag1 = put(created, file, 1);

        JsonHttp.Response leftOut = http().postJson(complete, completion(1, etag1));
        assertThat(leftOut.status()).isEqualTo(422);
        assertThat(leftOut.json().path("type").asString()).endsWith("/upload-parts-missing");
        assertThat(numbers(leftOut.json().path("missing_parts"))).containsExactly(2);
        assertThat(leftOut.json().path("detail").asString())
                .isEqualTo("the completion leaves out 1 of the 2 parts (2); list every part from 1 to 2");

        JsonHttp.Response notInStorage = http().postJson(complete, completion(1, etag1, 2, "\"0123456789abcdef0123456789abcdef\""));
        assertThat(notInStorage.status()).isEqualTo(422);
        assertThat(notInStorage.json().path("type").asString()).endsWith("/upload-parts-missing");
        assertThat(numbers(notInStorage.json().path("missing_parts"))).containsExactly(2);
        assertThat(http().post(complete, null, null).json().path("missing_parts").toString()).isEqualTo("[2]");

        // part 2 of 11 bytes where the plan has 10, sent past its presigned URL (a client gone wrong)
        s3.uploadPart(b -> b.bucket(LocalInfra.BUCKET).key("imports/" + jobId + "/big.csv")
                .uploadId(created.path("upload").path("upload_id").asString()).partNumber(2), RequestBody.fromString("0123456789A"));
        JsonHttp.Response wrongSize = http().post(complete, null, null);
        assertThat(wrongSize.status()).isEqualTo(422);
        assertThat(wrongSize.json().path("type").asString()).endsWith("/upload-part-size-mismatch");
        assertThat(numbers(wrongSize.json().path("parts"))).containsExactly(2);

        String etag2 = put(created, file, 2);
        JsonHttp.Response wrongTag = http().postJson(complete, completion(1, "\"ffffffffffffffffffffffffffffffff\"", 2, etag2));
        assertThat(wrongTag.status()).isEqualTo(422);
        assertThat(wrongTag.json().path("type").asString()).endsWith("/upload-part-etag-mismatch");
        assertThat(numbers(wrongTag.json().path("parts"))).containsExactly(1);
        JsonHttp.Response outOfPlan = http().postJson(complete, completion(1, etag1, 2, etag2, 3, etag2));
        assertThat(outOfPlan.status()).isEqualTo(400);
        assertThat(outOfPlan.json().path("detail").asString()).isEqualTo("parts: 3 is not a part of this upload (1 to 2)");

        // without a body, the parts storage holds are taken
        JsonHttp.Response done = http().post(complete, null, null);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("completed").asBoolean()).isTrue();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(LocalInfra.BUCKET).key("imports/" + jobId + "/big.csv"))
                .asByteArray()).isEqualTo(file);
    }

    @Test
    void cancelAbortsTheUploadAndItsParts() {
        byte[] file = csv(PART + 10);
        JsonNode created = create(file.length, "multipart");
        String jobId = created.path("job_id").asString();
        put(created, file, 1);
        assertThat(uploadsUnder(jobId)).hasSize(1);

        JsonHttp.Response cancelled = http().post("/api/imports/" + jobId + "/cancel", null, null);

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(uploadsUnder(jobId)).isEmpty();
        JsonNode status = upload(jobId);
        assertThat(status.path("completed").asBoolean()).isFalse();
        assertThat(status.path("parts").size()).isZero();
        JsonHttp.Response parts = http().postJson("/api/imports/" + jobId + "/upload/parts", Map.of("part_numbers", List.of(2)));
        assertThat(parts.status()).isEqualTo(409);
        assertThat(parts.json().path("detail").asString()).isEqualTo("cannot sign parts for an import that is CANCELLED");
    }
}
