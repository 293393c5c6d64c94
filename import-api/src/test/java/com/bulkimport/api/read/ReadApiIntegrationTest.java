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

/** The read API: filters, pages, menus, purchases, tenant scoping, API keys, and the indexes behind them. */
class ReadApiIntegrationTest extends ApiIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    private static String tenant;
    private static long tasca;
    private ApiHttp reader;

    @BeforeEach
    void data() {
        if (tenant == null) {
            tenant = "read-" + UUID.randomUUID().toString().substring(0, 8);
            Fixtures fixtures = new Fixtures(jdbc);
            tasca = fixtures.restaurant(tenant, "r1", "Tasca do Chico", "Lisbon", "Portuguese, Seafood");
            fixtures.restaurant(tenant, "r2", "Alfama Grill", "lisbon", "Grill");
            fixtures.restaurant(tenant, "r3", "Porto Bay", "Porto", "Seafood");
            fixtures.restaurant("other-" + tenant, "r1", "Tasca do Chico", "Lisbon", "Portuguese");
            jdbc.sql("""
                            INSERT INTO products (tenant, sku, barcode, name, brand, category, name_brand_key)
                            VALUES (:t, 'SKU-1', '4006381333931', 'Chocolate Milk Drink', 'Moo', 'Drinks', 'k1'),
                                   (:t, 'SKU-2', NULL, 'Green Tea', 'Leafy', 'Drinks', 'k2'),
                                   (:t, 'SKU-3', NULL, 'Milk Chocolate Bar', 'Moo', 'Sweets', 'k3')""")
                    .param("t", tenant).update();
            fixtures.customerWithPurchase(tenant, "cust-1");
        }
        reader = http(TestUser.named("reader", tenant));
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(item -> names.add(item.path("name").asString()));
        return names;
    }

    @Test
    void restaurantsByCityAndCuisineAlphabeticallyAndPaged() {
        JsonNode all = reader.get("/api/restaurants").json();
        assertThat(names(all)).containsExactly("Alfama Grill", "Porto Bay", "Tasca do Chico");
        assertThat(all.path("total_items").asLong()).isEqualTo(3);

        assertThat(names(reader.get("/api/restaurants?city=LISBON").json())).containsExactly("Alfama Grill", "Tasca do Chico");
        assertThat(names(reader.get("/api/restaurants?cuisine=seafood").json())).containsExactly("Porto Bay", "Tasca do Chico");
        assertThat(names(reader.get("/api/restaurants?city=Lisbon&cuisine=Seafood").json())).containsExactly("Tasca do Chico");
        assertThat(names(reader.get("/api/restaurants?cuisine=Sea").json())).isEmpty();

        JsonNode second = reader.get("/api/restaurants?size=2&page=1").json();
        assertThat(names(second)).containsExactly("Tasca do Chico");
        assertThat(second.path("total_pages").asLong()).isEqualTo(2);
        JsonNode tascaView = reader.get("/api/restaurants/" + tasca).json();
        assertThat(tascaView.path("cuisines").toString()).isEqualTo("[\"Portuguese\",\"Seafood\"]");
        assertThat(tascaView.path("rating").decimalValue()).isEqualByComparingTo("4.5");
    }

    @Test
    void whatOneImportChangedItsHistoryAndItsMarksSay() {
        UUID job = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        // Porto Bay: created by the job (its mark); Tasca: changed by it, then by another import (its history says)
        jdbc.sql("UPDATE restaurants SET created_by_job = :job, updated_by_job = :job WHERE tenant = :t AND external_id = 'r3'")
                .param("job", job).param("t", tenant).update();
        jdbc.sql("UPDATE restaurants SET updated_by_job = :other WHERE id = :id").param("other", other).param("id", tasca)
                .update();
        jdbc.sql("INSERT INTO record_history (tenant, record_table, record_id, job_id, op, before)"
                + " VALUES (:t, 'restaurants', :id, :job, 'UPDATED', '{}'::jsonb)")
                .param("t", tenant).param("id", tasca).param("job", job).update();

        JsonNode changed = reader.get("/api/restaurants?job_id=" + job).json();
        assertThat(names(changed)).containsExactly("Porto Bay", "Tasca do Chico");
        assertThat(changed.path("total_items").asLong()).isEqualTo(2);
        assertThat(names(reader.get("/api/restaurants?job_id=" + other).json())).containsExactly("Tasca do Chico");
        assertThat(names(reader.get("/api/products?job_id=" + job).json())).isEmpty();
        assertThat(reader.get("/api/restaurants?job_id=nope").status()).isEqualTo(400);
    }

    @Test
    void aMenuListsTheRestaurantsDishes() {
        JsonNode menu = reader.get("/api/restaurants/" + tasca + "/menu").json();
        assertThat(names(menu)).containsExactly("Tasca do Chico special");
        assertThat(menu.path("items").get(0).path("price").decimalValue()).isEqualByComparingTo("9.50");
        assertThat(reader.get("/api/restaurants/999999999/menu").status()).isEqualTo(404);
    }

    @Test
    void productsBySkuBarcodeAndWords() {
        assertThat(names(reader.get("/api/products?sku=SKU-2").json())).containsExactly("Green Tea");
        assertThat(names(reader.get("/api/products?barcode=4006381333931").json())).containsExactly("Chocolate Milk Drink");
        assertThat(names(reader.get("/api/products?q=choc%20mil").json()))
                .containsExactly("Chocolate Milk Drink", "Milk Chocolate Bar");
        assertThat(names(reader.get("/api/products?q=moo").json())).containsExactly("Chocolate Milk Drink", "Milk Chocolate Bar");
        assertThat(names(reader.get("/api/products?q=%27%20OR%201%3D1").json())).isEmpty();
        assertThat(reader.get("/api/products?q=!!!").json().path("total_items").asLong()).isZero();
    }

    @org.springframework.beans.factory.annotation.Autowired
    software.amazon.awssdk.services.s3.S3Client s3;

    /** A product's stored images come with presigned links to each size, which the private bucket then serves. */
    @Test
    void aProductsStoredImagesComeWithLinksToEachSize() throws Exception {
        String base = "images/ab/ab" + "0".repeat(62) + "/";
        byte[] thumbnail = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};
        for (String size : List.of("original", "medium", "thumbnail")) {
            s3.putObject(b -> b.bucket(com.bulkimport.local.embedded.LocalInfra.IMAGES_BUCKET).key(base + size + ".jpg"),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(thumbnail));
        }
        String sku = "IMG-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                        INSERT INTO products (tenant, sku, name, category, name_brand_key, image_hash, images)
                        VALUES (:t, :sku, 'Pictured', 'Drinks', 'k9', '0123456789abcdef', :images::jsonb)""")
                .param("t", tenant).param("sku", sku).param("images", """
                        [{"position": 1, "source_url": "https://shop.example/p.jpg", "sha256": "ab", "width": 900,
                          "height": 1200, "hash": "0123456789abcdef", "original": "%1$soriginal.jpg",
                          "medium": "%1$smedium.jpg", "thumbnail": "%1$sthumbnail.jpg"}]""".formatted(base)).update();

        JsonNode product = reader.get("/api/products?sku=" + sku).json().path("items").get(0);

        assertThat(product.path("image_hash").asString()).isEqualTo("0123456789abcdef");
        JsonNode image = product.path("images").get(0);
        assertThat(image.path("source_url").asString()).isEqualTo("https://shop.example/p.jpg");
        assertThat(image.path("width").asInt()).isEqualTo(900);
        assertThat(image.path("height").asInt()).isEqualTo(1200);
        java.net.http.HttpResponse<byte[]> served = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(image.path("thumbnail_url").asString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(thumbnail);
    }

    @Test
    void aCustomersPurchasesWithTheirItems() {
        JsonNode page = reader.get("/api/customers/cust-1/purchases").json();
        assertThat(page.path("total_items").asLong()).isEqualTo(1);
        JsonNode purchase = page.path("items").get(0);
        assertThat(purchase.path("transaction_ref").asString()).isEqualTo("cust-1-T1");
        assertThat(purchase.path("total_amount").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(purchase.path("items").get(0).path("sku").asString()).isEqualTo("SKU-1");
        assertThat(purchase.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
        JsonHttp.Response unknown = reader.get("/api/customers/nobody/purchases");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("type").asString()).endsWith("/customer-not-found");
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        ApiHttp stranger = http(TestUser.named("reader", "other-" + tenant));
        assertThat(names(stranger.get("/api/restaurants").json())).containsExactly("Tasca do Chico");
        assertThat(stranger.get("/api/restaurants/" + tasca).status()).isEqualTo(404);
        assertThat(stranger.get("/api/restaurants/" + tasca + "/menu").status()).isEqualTo(404);
        assertThat(stranger.get("/api/products?sku=SKU-1").json().path("total_items").asLong()).isZero();
        assertThat(stranger.get("/api/customers/cust-1/purchases").status()).isEqualTo(404);
    }

    @Test
    void apiKeysReadOneTenantAreHashedAtRestAndRevocable() {
        ApiHttp admin = http(TestUser.ADMIN);
        JsonHttp.Response created = admin.postJson("/api/admin/api-keys", Map.of("tenant", tenant, "name", "partner feed"));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().path("key").asString();
        String id = created.json().path("id").asString();
        assertThat(key).startsWith("bik_").hasSize(36);
        assertThat(created.json().path("prefix").asString()).isEqualTo(key.substring(0, 10));
        assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE key_hash = :k OR prefix = :k OR name = :k")
                .param("k", key).query(Long.class).single()).isZero();

        ApiHttp client = anonymous().with("X-Api-Key", key);
        assertThat(names(client.get("/api/restaurants?city=Porto").json())).containsExactly("Porto Bay");
        assertThat(client.get("/api/imports").status()).isEqualTo(403);
        assertThat(client.postJson("/api/imports", Fixtures.createBody()).status()).isEqualTo(403);
        JsonHttp.Response listed = admin.get("/api/admin/api-keys?tenant=" + tenant);
        assertThat(listed.json().path("items").get(0).path("last_used_at").isNull()).isFalse();
        assertThat(listed.body()).doesNotContain(key);
        JsonHttp.Response both = http().with("X-Api-Key", key).get("/api/restaurants");
        assertThat(both.status()).isEqualTo(401);
        assertThat(both.json().path("type").asString()).endsWith("/invalid-api-key");

        assertThat(admin.delete("/api/admin/api-keys/" + id).status()).isEqualTo(204);
        assertThat(admin.delete("/api/admin/api-keys/" + id).status()).isEqualTo(204);
        JsonHttp.Response revoked = client.get("/api/restaurants");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().path("detail").asString()).isEqualTo("the API key is unknown or has been revoked");
        assertThat(admin.delete("/api/admin/api-keys/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(anonymous().with("X-Api-Key", "bik_" + "A".repeat(32)).get("/api/products").status()).isEqualTo(401);
    }

    @Test
    void theFiltersUseTheirIndexes() {
        List<String[]> queries = List.of(
                // with the tenant too, a small tenant's own index may win; the cuisine index must serve alone
                new String[] {"SELECT id FROM restaurants WHERE " + RestaurantQueries.CUISINES
                        + " @> ARRAY['grill']", "restaurants_cuisines"},
                new String[] {"SELECT id FROM restaurants WHERE tenant = 'x' AND lower(city) = 'porto'"
                        + " ORDER BY lower(name), id LIMIT 20", "restaurants_tenant_city_name"},
                new String[] {"SELECT id FROM products WHERE " + ProductController.SEARCH
                        + " @@ to_tsquery('simple', 'milk:*')", "products_search"},
                new String[] {"SELECT id FROM purchases WHERE tenant = 'x' AND customer_ref = 'c'"
                        + " ORDER BY purchased_at DESC, id DESC LIMIT 20", "purchases_tenant_customer"});
        for (String[] query : queries) {
            String plan = tx.execute(status -> {
                jdbc.sql("SET LOCAL enable_seqscan = off").update();
                return jdbc.sql("EXPLAIN " + query[0]).query(String.class).list().toString();
            });
            assertThat(plan).as(query[0]).contains(query[1]).doesNotContain("Seq Scan");
        }
    }
}
