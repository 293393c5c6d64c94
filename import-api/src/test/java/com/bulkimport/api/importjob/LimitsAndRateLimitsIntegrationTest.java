package com.bulkimport.api.importjob;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.local.embedded.testkit.Multipart;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every limit at its edge, with small limits so the edges are cheap: the last accepted value passes,
 * one more is refused with its own problem detail. Each test acts as its own user, so the per-user
 * rate limits (3 per hour here) of one test do not reach another.
 */
@TestPropertySource(properties = {"bulkimport.limits.max-file-size=1000B", "bulkimport.limits.max-inline-rows=5",
        "bulkimport.limits.max-field-length=20", "bulkimport.limits.max-columns=4", "bulkimport.limits.max-json-body=2KB",
        "bulkimport.limits.page-size-max=7", "bulkimport.rate-limit.create.capacity=3",
        "bulkimport.rate-limit.create.period=1h", "bulkimport.rate-limit.start.capacity=3",
        "bulkimport.rate-limit.start.period=1h"})
class LimitsAndRateLimitsIntegrationTest extends ApiIntegrationTest {

    @Autowired
    JsonMapper json;

    private ApiHttp someone() {
        return http(TestUser.named("limits-" + UUID.randomUUID(), "limits"));
    }

    private static Map<String, Object> rows(int count, int fields, int valueLength) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("customer_ref", "R" + i);
            row.put("name", "n".repeat(valueLength));
            for (int f = 2; f < fields; f++) {
                row.put("extra_" + f, "x");
            }
            rows.add(row);
        }
        return Map.of("kind", "customers", "rows", rows);
    }

    @Test
    void fileSize() {
        ApiHttp user = someone();
        assertThat(user.postJson("/api/imports", Map.of("kind", "customers", "file_name", "f.csv", "content_length", 1000))
                .status()).isEqualTo(201);
        JsonHttp.Response over = user.postJson("/api/imports", Map.of("kind", "customers", "file_name", "f.csv",
                "content_length", 1001));
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.json().path("type").asString()).endsWith("/file-too-large");
        assertThat(over.json().path("detail").asString()).isEqualTo("the file has 1001 bytes; the limit is 1000 bytes (1000B)");
    }

    /** The seed's multipart upload streams its file, so the limit is counted as the bytes go by. */
    @Test
    void uploadedFileSize() {
        TestUser owner = TestUser.named("limits-" + UUID.randomUUID(), "limits");
        ApiHttp user = http(owner);
        assertThat(user.postMultipart("/api/import/purchases", purchaseForm(1000)).status()).isEqualTo(202);
        JsonHttp.Response over = user.postMultipart("/api/import/purchases", purchaseForm(1001));
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.header("Content-Type")).startsWith("application/problem+json");
        assertThat(over.json().path("type").asString()).endsWith("/file-too-large");
        assertThat(over.json().path("detail").asString())
                .isEqualTo("the file has more than 1000 bytes; the limit is 1000 bytes (1000B)");

        // without a Content-Length (chunked), the file stops being read at the limit too
        Multipart chunked = purchaseForm(5_000);
        JsonHttp.Response streamed = user.send(user.request("/api/import/purchases")
                .header("Content-Type", chunked.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked.bytes()))));
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.json().path("type").asString()).endsWith("/file-too-large");

        // a declared length no file within the limit can need is refused before anything is read
        Multipart huge = purchaseForm(1_100_000);
        JsonHttp.Response declared = someone().postMultipart("/api/import/purchases", huge);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().path("detail").asString()).isEqualTo("the request body is " + huge.bytes().length
                + " bytes, more than a file within the limit and 1048576 bytes of form fields; the limit is 1000 bytes"
                + " (1000B)");
        assertThat(jdbc.sql("SELECT count(*) FROM import_jobs WHERE owner = :owner AND kind = 'purchases'")
                .param("owner", owner.subject()).query(Long.class).single()).isEqualTo(1);
    }

    private static Multipart purchaseForm(int fileBytes) {
        String header = "transaction_ref,purchased_at,customer_ref,sku,quantity,unit_price\n";
        byte[] file = (header + "x".repeat(fileBytes - header.length())).getBytes(StandardCharsets.UTF_8);
        return Multipart.form().file("file", "p.csv", file).field("merchant_id", "m1").field("batch_name", "limits");
    }

    @Test
    void rowsPerInlineImport() {
        ApiHttp user = someone();
        assertThat(user.postJson("/api/imports/rows", rows(5, 2, 3)).status()).isEqualTo(201);
        JsonHttp.Response over = user.postJson("/api/imports/rows", rows(6, 2, 3));
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.json().path("type").asString()).endsWith("/too-many-rows");
        assertThat(over.json().path("detail").asString()).startsWith("the request holds 6 rows; an inline import takes at most 5");
    }

    @Test
    void fieldLength() {
        ApiHttp user = someone();
        assertThat(user.postJson("/api/imports/rows", rows(1, 2, 20)).status()).isEqualTo(201);
        JsonHttp.Response over = user.postJson("/api/imports/rows", rows(1, 2, 21));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().path("errors").get(0).asString()).isEqualTo("rows[0].name is longer than 20 characters");
    }

    @Test
    void columnCount() {
        ApiHttp user = someone();
        JsonHttp.Response four = user.postJson("/api/imports/rows", rows(1, 4, 3));
        assertThat(four.status()).as(four.body()).isEqualTo(201);
        JsonHttp.Response over = user.postJson("/api/imports/rows", rows(1, 5, 3));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().path("errors").get(0).asString()).isEqualTo("the rows have more than 4 distinct fields");
        JsonHttp.Response mapping = user.postJson("/api/imports", Map.of("kind", "customers", "file_name", "f.csv",
                "content_length", 10, "options", Map.of("column_mapping", Map.of("a", "", "b", "", "c", "", "d", "",
                        "e", ""))));
        assertThat(mapping.status()).isEqualTo(400);
        assertThat(mapping.json().path("errors").get(0).asString())
                .isEqualTo("options.column_mapping has 5 entries; the limit is 4");
    }

    @Test
    void jsonBodySize() {
        ApiHttp user = someone();
        String body = "{\"kind\":\"customers\",\"file_name\":\"f.csv\",\"content_length\":10}";
        String exact = body + " ".repeat(2048 - body.length());
        assertThat(user.postJson("/api/imports", exact).status()).isEqualTo(201);
        JsonHttp.Response over = user.postJson("/api/imports", exact + " ");
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.json().path("type").asString()).endsWith("/body-too-large");
        // without a Content-Length (chunked), the body stops being read at the limit
        byte[] chunked = (exact + " ").getBytes(StandardCharsets.UTF_8);
        JsonHttp.Response streamed = user.send(user.request("/api/imports").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked))));
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.json().path("type").asString()).endsWith("/body-too-large");
    }

    @Test
    void jsonBodySizeWhateverThePathSpells() {
        TestUser owner = TestUser.named("limits-" + UUID.randomUUID(), "limits");
        ApiHttp user = http(owner);
        String body = "{\"kind\":\"customers\",\"file_name\":\"f.csv\",\"content_length\":10}";
        String exact = body + " ".repeat(2048 - body.length());
        byte[] over = (exact + " ").getBytes(StandardCharsets.UTF_8);
        // the same controller answers: a body within the limit is a job, whichever way the path is spelled
        assertThat(user.postJson("/%61pi/imports", exact).status()).isEqualTo(201);
        for (String path : List.of("/%61pi/imports", "/api/%69mports", "/%61%70%69/%69mports", "/%61pi/imports/rows")) {
            JsonHttp.Response declared = user.postJson(path, exact + " ");
            JsonHttp.Response streamed = user.send(user.request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(over))));
            for (JsonHttp.Response refused : List.of(declared, streamed)) {
                assertThat(refused.status()).as(path).isEqualTo(413);
                assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(refused.json().path("type").asString()).endsWith("/body-too-large");
                assertThat(refused.json().path("detail").asString()).isEqualTo("the request body is larger than 2048"
                        + " bytes (2048B); upload large data as a file with POST /api/imports");
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM import_jobs WHERE owner = :owner").param("owner", owner.subject())
                .query(Long.class).single()).as("only the job within the limit").isEqualTo(1);
    }

    @Test
    void jacksonReadsNoDocumentPastTheBodyLimit() {
        byte[] exact = ("{}" + " ".repeat(2046)).getBytes(StandardCharsets.US_ASCII);
        byte[] over = ("{}" + " ".repeat(2047)).getBytes(StandardCharsets.US_ASCII);

        assertThat(json.readTree(new ByteArrayInputStream(exact)).isObject()).isTrue();
        assertThatThrownBy(() -> json.readTree(new ByteArrayInputStream(over)))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageStartingWith("Document length (2049) exceeds the maximum allowed (2048");
    }

    @Test
    void pageSize() {
        ApiHttp user = someone();
        assertThat(user.get("/api/imports?size=7").status()).isEqualTo(200);
        JsonHttp.Response over = user.get("/api/imports?size=8");
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().path("errors").get(0).asString())
                .isEqualTo("page must be between 0 and 100000 and size between 1 and 7, got page 0 and size 8");
        assertThat(user.get("/api/restaurants?size=7").status()).isEqualTo(200);
        assertThat(user.get("/api/restaurants?size=8").status()).isEqualTo(400);
        assertThat(user.get("/api/products?size=0").status()).isEqualTo(400);
    }

    /** Offset paging ends at item 10000, whatever the page size: page 1428 of 7 starts at 9996, page 1429 at 10003. */
    @Test
    void pageDepth() {
        ApiHttp user = someone();
        assertThat(user.get("/api/imports?page=1428&size=7").status()).isEqualTo(200);
        JsonHttp.Response deep = user.get("/api/imports?page=1429&size=7");
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.json().path("type").asString()).endsWith("/invalid-request");
        assertThat(deep.json().path("errors").get(0).asString()).isEqualTo("page 1429 of size 7 starts at item 10003;"
                + " only the first 10000 items are paged: narrow the list with its filters");
        assertThat(user.get("/api/restaurants?page=1428&size=7").status()).isEqualTo(200);
        assertThat(user.get("/api/restaurants?page=1429&size=7").status()).isEqualTo(400);
    }

    @Test
    void creatingIsLimitedPerUserWithRetryAfter() {
        ApiHttp user = someone();
        Map<String, Object> body = Map.of("kind", "customers", "file_name", "f.csv", "content_length", 10);
        for (int i = 0; i < 3; i++) {
            assertThat(user.postJson("/api/imports", body).status()).isEqualTo(201);
        }
        JsonHttp.Response limited = user.postJson("/api/imports", body);
        JsonHttp.Response inline = user.postJson("/api/imports/rows", rows(1, 2, 3));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().path("type").asString()).endsWith("/rate-limited");
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        // 3 per hour, refilled evenly: the next token comes 1200 s after the bucket was first drawn from
        assertThat(retryAfter).isBetween(1190L, 1200L);
        assertThat(limited.json().path("retry_after_seconds").asLong()).isEqualTo(retryAfter);
        assertThat(inline.status()).isEqualTo(429);
        assertThat(someone().postJson("/api/imports", body).status()).isEqualTo(201);
    }

    @Test
    void startingIsLimitedPerUserApartFromCreating() {
        ApiHttp user = someone();
        for (int i = 0; i < 3; i++) {
            assertThat(user.post("/api/imports/" + UUID.randomUUID() + "/start", null, null).status()).isEqualTo(404);
        }
        JsonHttp.Response limited = user.post("/api/imports/" + UUID.randomUUID() + "/start", null, null);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1190L, 1200L);
        assertThat(user.postJson("/api/imports", Map.of("kind", "customers", "file_name", "f.csv", "content_length", 10))
                .status()).isEqualTo(201);
    }
}
