package com.bulkimport.worker.ingest;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A dry run classifies every row against the database and changes nothing but the job. */
class DryRunIntegrationTest extends WorkerIntegrationTest {

    private JsonNode preview(UUID jobId) {
        return JsonHttp.JSON.readTree(jdbc.sql("SELECT preview::text FROM import_jobs WHERE id = :id").param("id", jobId)
                .query(String.class).single());
    }

    @Test
    void restaurantsArePreviewedAsCreatedUpdatedUnchangedDuplicateAndError() {
        importFile("restaurants", utf8("external_id,name,city\nR1,Sol,Lisbon\nR2,Mar,Porto\n"), "{}");

        UUID jobId = pendingJob("restaurants", utf8("""
                external_id,name,city
                R1,Sol,Lisbon
                R2,Mar,Faro
                R3,Novo,Braga
                R3,Novo again,Braga
                R4,,Evora
                """), "{}", "DRY_RUN");
        dispatcher.dispatch(startedEvent(jobId));

        assertThat(job(jobId)).containsEntry("status", "PREVIEW_READY").containsEntry("created_count", 0L);
        JsonNode preview = preview(jobId);
        assertThat(preview.path("created").asLong()).isEqualTo(1);
        assertThat(preview.path("updated").asLong()).isEqualTo(1);
        assertThat(preview.path("unchanged").asLong()).isEqualTo(1);
        assertThat(preview.path("duplicates").asLong()).isEqualTo(1);
        assertThat(preview.path("errors").asLong()).isEqualTo(1);
        JsonNode samples = preview.path("samples");
        assertThat(samples.path("created").get(0).path("row_number").asLong()).isEqualTo(3);
        assertThat(samples.path("created").get(0).path("values").path("name").asString()).isEqualTo("Novo");
        assertThat(samples.path("updated").get(0).path("values").path("city").asString()).isEqualTo("Faro");
        assertThat(samples.path("updated").get(0).path("before").toString()).isEqualTo("{\"city\":\"Porto\"}");
        assertThat(samples.path("duplicates").get(0).path("row_number").asLong()).isEqualTo(4);
        assertThat(samples.path("errors").get(0).path("message").asString()).isEqualTo("name is required");
        assertThat(jdbc.sql("SELECT city FROM restaurants WHERE tenant = :t AND external_id = 'R2'").param("t", tenant)
                .query(String.class).single()).as("nothing written").isEqualTo("Porto");
        assertThat(outboxEvents(jobId, com.bulkimport.model.event.EventType.IMPORT_BATCH_READY)).isEmpty();
        assertThat(stagedRows(jobId)).isEqualTo(4);
    }

    @Test
    void productsPreviewUsesTheMatchCascadeAndPurchasesCountTransactions() {
        importFile("products", utf8("sku,barcode,name,brand,category\nS1,,Rice,Acme,Grains\n,4006381333931,Pens,Stabilo,Office\n"),
                "{}");
        UUID products = pendingJob("products", utf8("""
                sku,barcode,name,brand,category
                S1,,Rice 1kg,Acme,Grains
                ,4006381333931,Pens,Stabilo,Office
                S9,96385074,Coffee,Bean,Drinks
                """), "{}", "DRY_RUN");
        dispatcher.dispatch(startedEvent(products));
        JsonNode preview = preview(products);
        assertThat(preview.path("created").asLong()).isEqualTo(1);
        assertThat(preview.path("updated").asLong()).isEqualTo(1);
        assertThat(preview.path("unchanged").asLong()).isEqualTo(1);
        assertThat(preview.at("/samples/updated/0/before").toString()).isEqualTo("{\"name\":\"Rice\"}");

        importFile("products", utf8("sku,name,category\nA,Apple,Fruit\nB,Banana,Fruit\n"), "{}");
        UUID purchases = pendingJob("purchases", utf8("transaction_ref,sku,quantity\nT1,A,1\nT1,B,2\nT2,A,1\n"),
                "{}", "DRY_RUN");
        dispatcher.dispatch(startedEvent(purchases));
        JsonNode bought = preview(purchases);
        assertThat(bought.path("created").asLong()).as("transactions").isEqualTo(2);
        assertThat(job(purchases)).containsEntry("status", "PREVIEW_READY");
    }
}
