package com.bulkimport.api.read;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.Fixtures;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/restaurants/{id}/reviews} and the review aggregates of the restaurant views. */
class ReviewReadIntegrationTest extends ApiIntegrationTest {

    @Autowired
    TransactionTemplate tx;

    private static String tenant;
    private static long tasca;
    private static long quiet;
    private ApiHttp reader;

    @BeforeEach
    void data() {
        if (tenant == null) {
            tenant = "reviews-" + UUID.randomUUID().toString().substring(0, 8);
            Fixtures fixtures = new Fixtures(jdbc);
            tasca = fixtures.restaurant(tenant, "r1", "Tasca do Chico", "Lisbon", "Portuguese");
            quiet = fixtures.restaurant(tenant, "r2", "Alfama Grill", "Lisbon", "Grill");
            // inserted out of date order; RV3 and RV4 share a date (the newer id first), RV6 has none (last)
            fixtures.review(tenant, tasca, "RV1", 5, "2024-01-01T10:00:00Z");
            fixtures.review(tenant, tasca, "RV6", 1, null);
            fixtures.review(tenant, tasca, "RV5", 4, "2024-05-01T10:00:00Z");
            fixtures.review(tenant, tasca, "RV3", 4, "2024-03-01T10:00:00Z");
            fixtures.review(tenant, tasca, "RV4", 2, "2024-03-01T10:00:00Z");
            fixtures.review(tenant, tasca, "RV2", 3, "2024-02-01T10:00:00Z");
            long elsewhere = fixtures.restaurant("other-" + tenant, "r1", "Tasca do Chico", "Lisbon", "Portuguese");
            fixtures.review("other-" + tenant, elsewhere, "RV-X", 5, "2024-06-01T10:00:00Z");
        }
        reader = http(TestUser.named("reader", tenant));
    }

    private static List<String> refs(JsonNode page) {
        List<String> refs = new ArrayList<>();
        page.path("items").forEach(item -> refs.add(item.path("review_ref").asString()));
        return refs;
    }

    @Test
    void reviewsComeNewestFirstInPages() {
        JsonNode all = reader.get("/api/restaurants/" + tasca + "/reviews").json();
        assertThat(refs(all)).containsExactly("RV5", "RV4", "RV3", "RV2", "RV1", "RV6");
        assertThat(all.path("total_items").asLong()).isEqualTo(6);
        JsonNode newest = all.path("items").get(0);
        assertThat(newest.path("rating").asInt()).isEqualTo(4);
        assertThat(newest.path("author").asString()).isEqualTo("Author of RV5");
        assertThat(newest.path("title").asString()).isEqualTo("Title of RV5");
        assertThat(newest.path("text").asString()).isEqualTo("Text of RV5");
        assertThat(newest.path("reviewed_at").asString()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(all.path("items").get(5).path("reviewed_at").isNull()).isTrue();

        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode part = reader.get("/api/restaurants/" + tasca + "/reviews?size=4&page=" + page).json();
            assertThat(part.path("total_pages").asLong()).isEqualTo(2);
            paged.addAll(refs(part));
        }
        assertThat(paged).containsExactly("RV5", "RV4", "RV3", "RV2", "RV1", "RV6");

        JsonNode none = reader.get("/api/restaurants/" + quiet + "/reviews").json();
        assertThat(none.path("items").size()).isZero();
        assertThat(none.path("total_items").asLong()).isZero();
    }

    @Test
    void pageSizesAreBoundedAsInEveryList() {
        assertThat(reader.get("/api/restaurants/" + tasca + "/reviews?size=100").status()).isEqualTo(200);
        for (String bad : List.of("size=101", "size=0", "page=-1")) {
            JsonHttp.Response refused = reader.get("/api/restaurants/" + tasca + "/reviews?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().path("type").asString()).as(bad).endsWith("/invalid-request");
        }
    }

    @Test
    void theRestaurantViewsCarryTheAggregates() {
        // 5 + 1 + 4 + 4 + 2 + 3 = 19 over 6 reviews: 3.17
        JsonNode view = reader.get("/api/restaurants/" + tasca).json();
        assertThat(view.path("review_count").asInt()).isEqualTo(6);
        assertThat(view.path("average_rating").decimalValue()).isEqualByComparingTo("3.17");

        Map<String, JsonNode> listed = new java.util.HashMap<>();
        reader.get("/api/restaurants").json().path("items").forEach(item -> listed.put(item.path("name").asString(), item));
        assertThat(listed.get("Tasca do Chico").path("review_count").asInt()).isEqualTo(6);
        assertThat(listed.get("Tasca do Chico").path("average_rating").decimalValue()).isEqualByComparingTo("3.17");
        assertThat(listed.get("Alfama Grill").path("review_count").asInt()).isZero();
        assertThat(listed.get("Alfama Grill").path("average_rating").isNull()).isTrue();
    }

    @Test
    void anotherTenantsRestaurantIsNotFoundAndAnApiKeyReadsItsOwn() {
        ApiHttp stranger = http(TestUser.named("reader", "other-" + tenant));
        JsonHttp.Response hidden = stranger.get("/api/restaurants/" + tasca + "/reviews");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().path("type").asString()).endsWith("/restaurant-not-found");
        assertThat(hidden.body()).doesNotContain("RV");
        assertThat(reader.get("/api/restaurants/999999999/reviews").status()).isEqualTo(404);

        JsonHttp.Response created = http(TestUser.ADMIN).postJson("/api/admin/api-keys",
                Map.of("tenant", tenant, "name", "reviews feed"));
        assertThat(created.status()).isEqualTo(201);
        ApiHttp client = anonymous().with("X-Api-Key", created.json().path("key").asString());
        JsonHttp.Response read = client.get("/api/restaurants/" + tasca + "/reviews?size=2");
        assertThat(read.status()).isEqualTo(200);
        assertThat(refs(read.json())).containsExactly("RV5", "RV4");
        assertThat(anonymous().get("/api/restaurants/" + tasca + "/reviews").status()).isEqualTo(401);
    }

    @Test
    void theListUsesItsIndex() {
        String plan = tx.execute(status -> {
            jdbc.sql("SET LOCAL enable_seqscan = off").update();
            return jdbc.sql("EXPLAIN SELECT * FROM reviews WHERE restaurant_id = 1 AND tenant = 'x'"
                    + " ORDER BY reviewed_at DESC NULLS LAST, id DESC LIMIT 20").query(String.class).list().toString();
        });
        assertThat(plan).contains("reviews_restaurant_newest").doesNotContain("Sort");
    }
}
