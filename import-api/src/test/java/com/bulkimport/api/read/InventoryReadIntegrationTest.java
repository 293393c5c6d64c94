package com.bulkimport.api.read;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.Fixtures;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/products/{id}/inventory}: a product's stock per store, paged, in the caller's tenant only. */
class InventoryReadIntegrationTest extends ApiIntegrationTest {

    private static String tenant;
    private static long rice;
    private static long tea;
    private ApiHttp reader;

    @BeforeEach
    void data() {
        if (tenant == null) {
            tenant = "stock-" + UUID.randomUUID().toString().substring(0, 8);
            Fixtures fixtures = new Fixtures(jdbc);
            rice = fixtures.product(tenant, "RICE-1KG", "Rice");
            tea = fixtures.product(tenant, "TEA-100", "Tea");
            // inserted out of store order
            fixtures.stock(tenant, rice, "S3", 0, null, null, "2024-03-03T10:00:00Z");
            fixtures.stock(tenant, rice, "S1", 24, "3.49", "EUR", "2024-03-01T10:00:00Z");
            fixtures.stock(tenant, rice, "S2", 7, "3.5", "EUR", "2024-03-02T10:00:00Z");
            fixtures.stock(tenant, tea, "S1", 5, null, null, "2024-03-01T10:00:00Z");
            long elsewhere = fixtures.product("other-" + tenant, "RICE-1KG", "Rice");
            fixtures.stock("other-" + tenant, elsewhere, "S9", 99, null, null, "2024-03-01T10:00:00Z");
        }
        reader = http(TestUser.named("reader", tenant));
    }

    private static List<String> stores(JsonNode page) {
        List<String> stores = new ArrayList<>();
        page.path("items").forEach(item -> stores.add(item.path("store_ref").asString()));
        return stores;
    }

    @Test
    void aProductsStockComesByStoreInPages() {
        JsonNode all = reader.get("/api/products/" + rice + "/inventory").json();
        assertThat(stores(all)).containsExactly("S1", "S2", "S3");
        assertThat(all.path("total_items").asLong()).isEqualTo(3);
        JsonNode first = all.path("items").get(0);
        assertThat(first.path("quantity").asInt()).isEqualTo(24);
        assertThat(first.path("price").decimalValue()).isEqualByComparingTo("3.49");
        assertThat(first.path("currency").asString()).isEqualTo("EUR");
        assertThat(first.path("updated_at").asString()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(first.path("recorded_at").isMissingNode()).isFalse();
        JsonNode empty = all.path("items").get(2);
        assertThat(empty.path("quantity").asInt()).isZero();
        assertThat(empty.path("price").isNull()).isTrue();

        JsonNode second = reader.get("/api/products/" + rice + "/inventory?size=2&page=1").json();
        assertThat(stores(second)).containsExactly("S3");
        assertThat(second.path("total_pages").asLong()).isEqualTo(2);
        assertThat(stores(reader.get("/api/products/" + tea + "/inventory").json())).containsExactly("S1");
        assertThat(reader.get("/api/products/" + rice + "/inventory?size=101").status()).isEqualTo(400);
    }

    @Test
    void anotherTenantsProductIsNotFoundAndAnApiKeyReadsItsOwn() {
        JsonHttp.Response hidden = http(TestUser.named("reader", "other-" + tenant)).get("/api/products/" + rice + "/inventory");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().path("type").asString()).endsWith("/product-not-found");
        assertThat(hidden.body()).doesNotContain("S1");
        assertThat(reader.get("/api/products/999999999/inventory").status()).isEqualTo(404);

        JsonHttp.Response created = http(TestUser.ADMIN).postJson("/api/admin/api-keys",
                Map.of("tenant", tenant, "name", "stock feed"));
        assertThat(created.status()).isEqualTo(201);
        ApiHttp client = anonymous().with("X-Api-Key", created.json().path("key").asString());
        JsonHttp.Response read = client.get("/api/products/" + rice + "/inventory?size=1");
        assertThat(read.status()).isEqualTo(200);
        assertThat(stores(read.json())).containsExactly("S1");
        assertThat(anonymous().get("/api/products/" + rice + "/inventory").status()).isEqualTo(401);
    }
}
