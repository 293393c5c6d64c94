package com.bulkimport.api.importjob;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code priority} on the create requests (docs/architecture.md, "Priority and fairness"): normal by default, low for
 * anyone, high for admins only (403 otherwise, and no job); kept on the job and its view, and carried by its work
 * events so that they travel in its lane.
 */
class PriorityIntegrationTest extends ApiIntegrationTest {

    private static Map<String, Object> create(String priority) {
        return priority == null ? Map.of("kind", "customers", "file_name", "c.csv", "content_length", 10)
                : Map.of("kind", "customers", "file_name", "c.csv", "content_length", 10, "priority", priority);
    }

    private String storedPriority(String jobId) {
        return jdbc.sql("SELECT priority FROM import_jobs WHERE id = :id::uuid").param("id", jobId)
                .query(String.class).single();
    }

    @Test
    void normalByDefaultLowForAnyoneAndEachShownOnTheJob() {
        JsonHttp.Response plain = http().postJson("/api/imports", create(null));
        JsonHttp.Response low = http().postJson("/api/imports", create("LOW"));

        assertThat(plain.status()).isEqualTo(201);
        assertThat(low.status()).isEqualTo(201);
        String plainId = plain.json().path("job_id").asString();
        String lowId = low.json().path("job_id").asString();
        assertThat(storedPriority(plainId)).isEqualTo("normal");
        assertThat(storedPriority(lowId)).isEqualTo("low");
        assertThat(http().get("/api/imports/" + plainId).json().path("priority").asString()).isEqualTo("normal");
        assertThat(http().get("/api/imports/" + lowId).json().path("priority").asString()).isEqualTo("low");
    }

    @Test
    void highIsForAdminsOnlyAndAnUnknownPriorityIsABadRequest() {
        long before = jdbc.sql("SELECT count(*) FROM import_jobs WHERE owner = 'alice'").query(Long.class).single();

        JsonHttp.Response refused = http(TestUser.ALICE).postJson("/api/imports", create("high"));
        JsonHttp.Response inlineRefused = http(TestUser.ALICE).postJson("/api/imports/rows", Map.of("kind", "customers",
                "priority", "high", "rows", List.of(Map.of("customer_ref", "c-1", "name", "One"))));
        JsonHttp.Response unknown = http(TestUser.ALICE).postJson("/api/imports", create("urgent"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("type").asString()).endsWith("/forbidden");
        assertThat(refused.json().path("detail").asString()).contains("only an admin may ask for priority high");
        assertThat(inlineRefused.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").toString()).contains("priority must be high, normal or low");
        assertThat(jdbc.sql("SELECT count(*) FROM import_jobs WHERE owner = 'alice'").query(Long.class).single())
                .as("nothing created").isEqualTo(before);

        JsonHttp.Response admins = http(TestUser.ADMIN).postJson("/api/imports", create("high"));
        assertThat(admins.status()).isEqualTo(201);
        assertThat(storedPriority(admins.json().path("job_id").asString())).isEqualTo("high");
    }

    @Test
    void anInlineImportsWorkCarriesItsPriority() {
        JsonHttp.Response created = http(TestUser.ADMIN).postJson("/api/imports/rows", Map.of("kind", "customers",
                "priority", "high", "rows", List.of(Map.of("customer_ref", "prio-1", "name", "One"))));

        assertThat(created.status()).isEqualTo(201);
        String jobId = created.json().path("job_id").asString();
        List<EventEnvelope> ready = jdbc.sql("SELECT payload::text FROM outbox_events WHERE aggregateid = :id"
                        + " AND type = 'IMPORT_BATCH_READY'").param("id", jobId)
                .query(String.class).list().stream().map(EventCodec::decode).toList();
        assertThat(ready).hasSize(1);
        assertThat(ready.get(0).payload()).containsEntry("priority", "high");
        assertThat(http(TestUser.ADMIN).get("/api/imports/" + jobId).json().path("priority").asString())
                .isEqualTo("high");
    }
}
