package com.bulkimport.api.importjob;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key on both creates: same key and body, same job; same key, other body, 422. */
class IdempotencyIntegrationTest extends ApiIntegrationTest {

    private static Map<String, Object> create(long length) {
        return Map.of("kind", "customers", "file_name", "c.csv", "content_length", length);
    }

    private long jobsWithKey(TestUser user, String key) {
        return jdbc.sql("SELECT count(*) FROM import_jobs WHERE owner = :o AND idempotency_key = :k")
                .param("o", user.subject()).param("k", key).query(Long.class).single();
    }

    @Test
    void theSameKeyAndBodyAnswerTheSameJobAndADifferentBodyIs422() {
        String key = UUID.randomUUID().toString();
        ApiHttp alice = http().with("Idempotency-Key", key);

        JsonHttp.Response first = alice.postJson("/api/imports", create(10));
        // the same request, formatted differently: fields in another order, whitespace
        JsonHttp.Response again = alice.postJson("/api/imports",
                "{ \"content_length\" : 10, \"file_name\": \"c.csv\",\n \"kind\": \"customers\" }");
        JsonHttp.Response other = alice.postJson("/api/imports", create(11));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("job_id").asString()).isEqualTo(first.json().path("job_id").asString());
        assertThat(again.header("Location")).isEqualTo("/api/imports/" + first.json().path("job_id").asString());
        assertThat(again.json().path("status").asString()).isEqualTo("AWAITING_UPLOAD");
        assertThat(again.json().path("upload").path("url").asString()).contains(first.json().path("job_id").asString());
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(jobsWithKey(TestUser.ALICE, key)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid = :id")
                .param("id", first.json().path("job_id").asString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void keysBelongToOneUserAndOneEndpoint() {
        String key = UUID.randomUUID().toString();
        JsonHttp.Response alices = http().with("Idempotency-Key", key).postJson("/api/imports", create(10));
        JsonHttp.Response bobs = http(TestUser.BOB).with("Idempotency-Key", key).postJson("/api/imports", create(10));
        JsonHttp.Response inline = http().with("Idempotency-Key", key).postJson("/api/imports/rows", Map.of(
                "kind", "customers", "rows", List.of(Map.of("customer_ref", "I1", "name", "Ann"))));

        assertThat(alices.status()).isEqualTo(201);
        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.json().path("job_id").asString()).isNotEqualTo(alices.json().path("job_id").asString());
        assertThat(inline.status()).isEqualTo(422);
    }

    @Test
    void anInlineImportIsStagedOnceWhateverTheRetries() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("kind", "customers", "rows", List.of(
                Map.of("customer_ref", "IDEM-1", "name", "Ann"), Map.of("customer_ref", "IDEM-2", "name", "Bo")));
        ApiHttp alice = http().with("Idempotency-Key", key);

        JsonHttp.Response first = alice.postJson("/api/imports/rows", body);
        JsonHttp.Response second = alice.postJson("/api/imports/rows", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        String id = first.json().path("job_id").asString();
        assertThat(second.json().path("job_id").asString()).isEqualTo(id);
        assertThat(jdbc.sql("SELECT count(*) FROM staging_customers WHERE job_id = :id::uuid").param("id", id)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM import_batches WHERE job_id = :id::uuid").param("id", id)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jobsWithKey(TestUser.ALICE, key)).isEqualTo(1);
    }

    @Test
    void keysAreOneTo255VisibleAsciiCharacters() {
        assertThat(http().with("Idempotency-Key", "k".repeat(255)).postJson("/api/imports", create(10)).status())
                .isEqualTo(201);
        JsonHttp.Response tooLong = http().with("Idempotency-Key", "k".repeat(256)).postJson("/api/imports", create(10));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("errors").get(0).asString())
                .isEqualTo("Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)");
        assertThat(http().with("Idempotency-Key", "with space").postJson("/api/imports", create(10)).status())
                .isEqualTo(400);
        assertThat(http().postJson("/api/imports", create(10)).status()).isEqualTo(201);
    }

    @Test
    void concurrentRetriesWithOneKeyMakeOneJob() throws Exception {
        String key = UUID.randomUUID().toString();
        ApiHttp alice = http().with("Idempotency-Key", key);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<JsonHttp.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit((Callable<JsonHttp.Response>) () -> alice.postJson("/api/imports", create(10))));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<JsonHttp.Response> answer : answers) {
                statuses.add(answer.get().status());
                ids.add(answer.get().json().path("job_id").asString());
            }
            assertThat(statuses).containsOnly(200, 201);
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(jobsWithKey(TestUser.ALICE, key)).isEqualTo(1);
    }
}
