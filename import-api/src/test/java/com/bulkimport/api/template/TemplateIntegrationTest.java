package com.bulkimport.api.template;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateIntegrationTest extends ApiIntegrationTest {

    @Test
    void listsEveryKindWithItsFields() {
        JsonNode templates = http().get("/api/templates").json();

        assertThat(templates.path("kinds")).extracting(k -> k.path("kind").asString())
                .containsExactly("restaurants", "dishes", "products", "customers", "purchases", "reviews", "inventory");
        JsonNode products = templates.path("kinds").get(2);
        JsonNode name = products.path("fields").get(0);
        assertThat(name.path("name").asString()).isEqualTo("name");
        assertThat(name.path("required").asBoolean()).isTrue();
        assertThat(name.path("type").asString()).isEqualTo("text");
        assertThat(products.path("fields").toString()).contains("\"name\":\"nutrition_*\"", "\"type\":\"gtin\"");
    }

    @Test
    void servesACsvTemplateWithAnExampleRowThatImports() {
        JsonHttp.Response csv = http().get("/api/templates/products.csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("products-template.csv");
        String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("name,category,sku,brand,barcode,description,image_url_1,")
                .endsWith("nutrition_energy_kcal,regional_names_IN-MH");
        assertThat(lines[1]).startsWith("Basmati Rice 1kg,Rice & Grains,RICE-1KG,India Gate,8901030875397,");
    }

    @Test
    void theReviewsTemplateIsItsHeaderAndAnExampleRow() {
        JsonHttp.Response csv = http().get("/api/templates/reviews.csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("reviews-template.csv");
        assertThat(csv.body().replace("\uFEFF", "").split("\r\n")).containsExactly(
                "review_ref,restaurant_external_id,author,rating,title,text,reviewed_at",
                "RV-5001,R-1001,Ana S.,4,Great sardines,\"Fresh fish, friendly staff.\",2024-03-31 14:05:00");
    }

    @Test
    void theInventoryTemplateIsItsHeaderAndAnExampleRow() {
        JsonHttp.Response csv = http().get("/api/templates/inventory.csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("inventory-template.csv");
        assertThat(csv.body().replace("\uFEFF", "").split("\r\n")).containsExactly(
                "store_ref,sku,barcode,quantity,price,currency,updated_at",
                "STORE-12,RICE-1KG,8901030875397,24,3.49,EUR,2024-03-31 14:05:00");
    }

    @Test
    void anUnknownKindIs404() {
        JsonHttp.Response response = http().get("/api/templates/spaceships.csv");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("detail").asString()).isEqualTo("there is no import kind 'spaceships';"
                + " kinds: restaurants, dishes, products, customers, purchases, reviews, inventory");
    }
}
