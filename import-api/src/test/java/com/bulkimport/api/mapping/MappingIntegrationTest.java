package com.bulkimport.api.mapping;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How a sample's proposal was found, remembered mappings and named ones (README, "Remembered and named mappings"). */
class MappingIntegrationTest extends ApiIntegrationTest {

    /** A products job of {@code user} with {@code csv} uploaded; {@code body} adds to the create request. */
    private String uploaded(ApiHttp http, String csv, Map<String, Object> body) {
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> create = new HashMap<>(Map.of("kind", "products", "file_name", "p.csv",
                "content_length", file.length));
        create.putAll(body);
        JsonHttp.Response created = http.postJson("/api/imports", create);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        http.putBytes(created.json().path("upload").path("url").asString(), file, Map.of());
        return created.json().path("job_id").asString();
    }

    private static List<String> column(JsonNode sample, String what) {
        List<String> values = new ArrayList<>();
        sample.path("columns").forEach(c -> values.add(c.path(what).isNull() ? null : c.path(what).asString()));
        return values;
    }

    @Test
    void eachColumnSaysHowItsFieldWasFoundWithAFewValues() {
        String job = uploaded(http(), "name,main_category,brnad,notes\nRice,Grains,Tilda,fragile\n"
                + "Pasta,Grains,Barilla,\nRice,Grains,Tilda,dry\nOats,Cereal,Quaker,x\n", Map.of());

        JsonNode sample = http().get("/api/imports/" + job + "/sample").json();

        assertThat(column(sample, "name")).containsExactly("name", "main_category", "brnad", "notes");
        assertThat(column(sample, "field")).containsExactly("name", "category", "brand", null);
        assertThat(column(sample, "matched_by")).containsExactly("exact", "alias", "similar", null);
        // the first three distinct values that are not blank
        assertThat(sample.path("columns").get(0).path("sample_values").toString())
                .isEqualTo("[\"Rice\",\"Pasta\",\"Oats\"]");
        assertThat(sample.path("columns").get(3).path("sample_values").toString())
                .isEqualTo("[\"fragile\",\"dry\",\"x\"]");
        assertThat(sample.path("suggested_mapping").path("brnad").asString()).isEqualTo("brand");
        assertThat(sample.path("unmatched_headers").toString()).isEqualTo("[\"notes\"]");
        assertThat(sample.path("saved_mapping").isNull()).isTrue();
    }

    @Test
    void aConfirmedMappingIsProposedToTheTenantsNextFileWithTheSameHeaderOnly() {
        String header = "Titel " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> mapping = Map.of(header, "name", "Kategorie", "category", "Marke", "brand", "Extra", "");
        String first = uploaded(http(), header + ",Kategorie,Marke,Extra\nReis,Getreide,Tilda,x\n",
                Map.of("options", Map.of("column_mapping", mapping)));
        // the mapping the job starts with is confirmed: remembered for its header
        assertThat(http().postJson("/api/imports/" + first + "/start", Map.of()).status()).isEqualTo(202);

        // a colleague's file, the same columns in another order: proposed as remembered, the ignored one too
        String second = uploaded(http(TestUser.CAROL), "Extra,Marke," + header + ",Kategorie\ny,Quaker,Hafer,Flocken\n",
                Map.of());
        JsonNode sample = http(TestUser.CAROL).get("/api/imports/" + second + "/sample").json();
        assertThat(column(sample, "field")).containsExactly(null, "brand", "name", "category");
        assertThat(column(sample, "matched_by")).containsExactly("remembered", "remembered", "remembered", "remembered");
        assertThat(sample.path("saved_mapping").path("matched_by").asString()).isEqualTo("remembered");
        assertThat(sample.path("saved_mapping").path("updated_by").asString()).isEqualTo("alice");
        assertThat(sample.path("unmatched_headers")).isEmpty();
        assertThat(sample.path("missing_required")).isEmpty();

        // another header: nothing remembered
        String other = uploaded(http(), header + ",Kategorie\nReis,Getreide\n", Map.of());
        JsonNode otherSample = http().get("/api/imports/" + other + "/sample").json();
        assertThat(otherSample.path("saved_mapping").isNull()).isTrue();
        // (Kategorie is near enough "categories", an alias of category, to be guessed)
        assertThat(column(otherSample, "matched_by")).containsExactly(null, "similar");
        // another tenant, the same header: nothing remembered either
        String bobs = uploaded(http(TestUser.BOB), header + ",Kategorie,Marke,Extra\nReis,Getreide,Tilda,x\n", Map.of());
        assertThat(http(TestUser.BOB).get("/api/imports/" + bobs + "/sample").json().path("saved_mapping").isNull())
                .isTrue();
    }

    @Test
    void namedMappingsAreSavedListedAppliedAndDeletedWithinTheirTenant() {
        String name = "Supplier " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> mapping = Map.of("Bezeichnung", "name", "Warengruppe", "category", "Notiz", "");
        JsonHttp.Response created = http().postJson("/api/mappings",
                Map.of("name", name, "kind", "products", "mapping", mapping));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/mappings/" + id);
        assertThat(created.json().path("created_by").asString()).isEqualTo("alice");

        // unique per tenant and kind, any case; another kind may have the name
        JsonHttp.Response clash = http(TestUser.CAROL).postJson("/api/mappings",
                Map.of("name", name.toUpperCase(), "kind", "products", "mapping", Map.of("X", "name")));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().path("type").asString()).endsWith("/mapping-name-taken");
        assertThat(http().postJson("/api/mappings", Map.of("name", name, "kind", "customers",
                "mapping", Map.of("Kunde", "customer_ref"))).status()).isEqualTo(201);
        JsonHttp.Response bad = http().postJson("/api/mappings", Map.of("name", "", "kind", "products",
                "mapping", Map.of("X", "colour")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors")).hasSize(2);

        JsonNode list = http(TestUser.CAROL).get("/api/mappings?kind=products").json();
        assertThat(list.path("items").toString()).contains("\"id\":\"" + id + "\"");
        assertThat(http().get("/api/mappings/" + name.toLowerCase().replace(" ", "%20") + "?kind=products").json().path("id").asString())
                .isEqualTo(id);
        // two kinds share the name: which one is asked for must be said
        assertThat(http().get("/api/mappings/" + name.replace(" ", "%20")).status()).isEqualTo(400);
        // another tenant's: not found, by id, by name and in the list
        assertThat(http(TestUser.BOB).get("/api/mappings/" + id).status()).isEqualTo(404);
        assertThat(http(TestUser.BOB).delete("/api/mappings/" + id).status()).isEqualTo(404);
        assertThat(http(TestUser.BOB).get("/api/mappings?kind=products").body()).doesNotContain(id);

        // applied by name: the job's column_mapping is the saved one
        String job = uploaded(http(), "Bezeichnung,Warengruppe,Notiz\nReis,Getreide,x\n", Map.of("mapping_name", name));
        assertThat(jdbc.sql("SELECT options->'column_mapping' ->> 'Warengruppe' FROM import_jobs WHERE id = ?::uuid")
                .param(job).query(String.class).single()).isEqualTo("category");
        JsonHttp.Response unknown = http().postJson("/api/imports", Map.of("kind", "products", "file_name", "p.csv",
                "content_length", 10, "mapping_name", "no such mapping"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).isEqualTo("mapping_name 'no such mapping' names no saved"
                + " mapping of products (GET /api/mappings?kind=products lists them)");
        // a file with the named mapping's header, none remembered: the named mapping is proposed
        String fresh = uploaded(http(), "Notiz,Bezeichnung,Warengruppe\nx,Reis,Getreide\n", Map.of());
        JsonNode sample = http().get("/api/imports/" + fresh + "/sample").json();
        assertThat(sample.path("saved_mapping").path("name").asString()).isEqualTo(name);
        assertThat(column(sample, "matched_by")).containsExactly("named", "named", "named");

        assertThat(http(TestUser.CAROL).delete("/api/mappings/" + name.replace(" ", "%20") + "?kind=products").status())
                .isEqualTo(204);
        assertThat(http().get("/api/mappings/" + id).status()).isEqualTo(404);
    }

    @Test
    void aColumnIgnoredOnPurposeGivesNoWarning() {
        JsonHttp.Response created = http().postJson("/api/imports/rows", Map.of("kind", "customers",
                "options", Map.of("column_mapping", Map.of("internal_note", "")),
                "rows", List.of(Map.of("customer_ref", "IGN-1", "name", "Ana", "internal_note", "vip", "shoe_size", "38"))));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        // the column nobody chose a field for is reported; the one ignored on purpose is not
        assertThat(created.json().path("warnings").toString())
                .isEqualTo("[\"key 'shoe_size' is not imported: no field of customers matches it\"]");
    }
}
