package com.bulkimport.worker.apply;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.local.embedded.testkit.Datasets;
import com.bulkimport.engine.match.MatchSql;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProductImportIntegrationTest extends WorkerIntegrationTest {

    private Map<String, Object> product(String where, Object value) {
        return jdbc.sql("SELECT sku, barcode, name, brand, category, description, nutrition::text AS nutrition,"
                        + " regional_names::text AS regional, quality_score, weight::text AS weight FROM products"
                        + " WHERE tenant = :t AND " + where + " = :v")
                .param("t", tenant).param("v", value).query().singleRow();
    }

    @Test
    void matchesBySkuThenBarcodeThenNameAndBrand() {
        importFile("products", utf8("""
                sku,barcode,name,brand,category
                S1,,Rice,Acme,Grains
                ,4006381333931,Pens,Stabilo,Office
                ,,Tea,Leafy,Drinks
                """), "{}");

        UUID second = importFile("products", utf8("""
                sku,barcode,name,brand,category
                S1,,Rice 1kg,Acme,Grains
                ,4006381333931,Pens,Stabilo,Office
                ,,  TEA ,LEAFY,Drinks
                S9,96385074,Coffee,Bean,Drinks
                """), "{}");

        // Rice renamed (by sku) and Tea re-spelled (by name + brand) are updates; Pens (by barcode) is unchanged
        assertThat(counts(second)).isEqualTo(new JobCounts(1L, 2L, 1L, 0L, 0L, 4L, "COMPLETED"));
        assertThat(product("sku", "S1")).containsEntry("name", "Rice 1kg");
        assertThat(product("name_brand_key", "leafy#tea")).containsEntry("name", "TEA").containsEntry("brand", "LEAFY");
        assertThat(jdbc.sql("SELECT count(*) FROM products WHERE tenant = :t").param("t", tenant)
                .query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void findsDuplicatesInTheFileByAnyIdentifierAndRefusesBrokenBarcodes() {
        UUID jobId = importFile("products", utf8("""
                sku,barcode,name,brand,category
                S1,4006381333931,Pens,Stabilo,Office
                S2,4006381333931,Pens again,Stabilo,Office
                S1,,Pens third,Stabilo,Office
                ,"8,02E+12",Pasta,Barilla,Food
                ,4006381333932,Glue,Uhu,Office
                ,0019320001376,Beans,Bush,Food
                """), "{}");

        assertThat(counts(jobId)).isEqualTo(new JobCounts(2L, 0L, 0L, 2L, 2L, 6L, "COMPLETED_WITH_ERRORS"));
        assertThat(rowErrors(jobId)).containsExactly(
                Arrays.asList(2L, null, "DUPLICATE_IN_FILE", "same record as row 1; the first occurrence is imported"),
                Arrays.asList(3L, null, "DUPLICATE_IN_FILE", "same record as row 1; the first occurrence is imported"),
                Arrays.asList(4L, "barcode", "BARCODE_SCIENTIFIC_NOTATION", "barcode '8,02E+12' is in scientific"
                        + " notation: a spreadsheet turned the barcode into a number and lost digits; format the column"
                        + " as text and export again"),
                Arrays.asList(5L, "barcode", "BARCODE_CHECK_DIGIT", "barcode '4006381333932' has a wrong check digit"));
        assertThat(product("barcode", "0019320001376")).containsEntry("name", "Beans");
    }

    @Test
    void keepsFamiliesAsJsonScoresQualityAndLeavesUnmappedFieldsAlone() {
        importFile("products", utf8("""
                sku,name,category,brand,barcode,description,image_url_1,weight,nutrition_energy_kcal,nutrition_fat,regional_names_IN-MH
                S1,Rice,Grains,Acme,8901030875397,Aged rice,https://img.example/r.jpg,1000,350,"0,5",तांदूळ
                S2,Salt,Spices,,,,,,,,
                """), "{}");

        assertThat(product("sku", "S1")).containsEntry("nutrition", "{\"fat\": \"0,5\", \"energy_kcal\": \"350\"}")
                // no image points: the image was not fetched (the pipeline is off here), only named (V27)
                .containsEntry("regional", "{\"IN-MH\": \"तांदूळ\"}").containsEntry("quality_score", 80)
                .containsEntry("weight", "1000");
        assertThat(product("sku", "S2")).containsEntry("quality_score", 20).containsEntry("nutrition", null);

        UUID partial = importFile("products", utf8("sku,name,category\nS1,Rice,Grains\n"), "{}");

        assertThat(counts(partial)).isEqualTo(new JobCounts(0L, 0L, 1L, 0L, 0L, 1L, "COMPLETED"));
        assertThat(product("sku", "S1")).containsEntry("description", "Aged rice").containsEntry("quality_score", 80);
    }

    @Test
    void lifyzerOpenFoodFactsSampleIsFullyAccountedFor() throws IOException {
        byte[] gzip = Files.readAllBytes(Datasets.file("products/products_lifyzer_off_50k.csv.gz"));

        UUID jobId = importFile("products", gzip, "{\"defaults\": {\"category\": \"Food\"}}");

        // expected figures from an independent count (Python csv + GS1 check digits): 209 barcodes
        // fail their check digit or length, 6 barcodes appear twice
        assertThat(counts(jobId)).isEqualTo(new JobCounts(49_845L, 0L, 0L, 6L, 209L, 50_060L, "COMPLETED_WITH_ERRORS"));
        assertThat(jdbc.sql("SELECT count(DISTINCT row_number) FROM import_row_errors WHERE job_id = :id"
                + " AND code = 'DUPLICATE_IN_FILE'").param("id", jobId).query(Long.class).single()).isEqualTo(6);
        assertThat(jdbc.sql("SELECT barcode FROM products WHERE tenant = :t AND barcode IN ('0019320001376',"
                        + " '0201117045599', '0672774113820', '3306540009235', '3361114019744', '8006890683851')"
                        + " ORDER BY barcode").param("t", tenant).query(String.class).list())
                .containsExactly("0019320001376", "0201117045599", "0672774113820", "3306540009235", "3361114019744",
                        "8006890683851");
        assertThat(product("barcode", "0000000000017")).containsEntry("name", "Vitória crackers")
                .containsEntry("category", "Food");

        UUID again = importFile("products", gzip, "{\"defaults\": {\"category\": \"Food\"}}");
        assertThat(counts(again)).isEqualTo(new JobCounts(0L, 0L, 49_845L, 6L, 209L, 50_060L, "COMPLETED_WITH_ERRORS"));
    }

    @Test
    void openFoodFactsExportsWithAMissingCategoryDefault() throws IOException {
        byte[] file = Files.readAllBytes(Datasets.file("products/products_off_exports.csv"));

        UUID jobId = importFile("products", file, "{\"defaults\": {\"category\": \"Uncategorized\"}}");

        // independent count: 22 empty names and 73 broken barcodes, one row has both
        assertThat(counts(jobId)).isEqualTo(new JobCounts(2_710L, 0L, 0L, 0L, 94L, 2_804L, "COMPLETED_WITH_ERRORS"));
        assertThat(product("barcode", "3175460030083")).containsEntry("brand", "Boursin,Bel");
        assertThat(jdbc.sql("SELECT count(*) FROM import_row_errors WHERE job_id = :id AND code = 'REQUIRED'")
                .param("id", jobId).query(Long.class).single()).isEqualTo(22);
    }

    @Autowired
    private DataSource dataSource;

    /**
     * At the start of a large import, products is empty in the planner's eyes, and the worker turns
     * sequential scans off. Then {@code min(id)} of the name + brand lookup was planned as a walk of the
     * primary key in id order, filtered by name + brand: once per row, over a table the other batches
     * keep filling. Each lookup must probe only the index led by its own key.
     */
    @Test
    void eachProductLookupProbesItsOwnKeysIndexEvenWhenProductsLooksEmpty() throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // a temporary table comes first on the search path: the lookups see an empty, analyzed products
                // (its indexes, copied from products, are named after their columns)
                statement.execute("CREATE TEMP TABLE products (LIKE public.products INCLUDING ALL) ON COMMIT DROP");
                statement.execute("ANALYZE products");
                statement.execute("SET LOCAL enable_seqscan = off");
            }
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN SELECT "
                    + MatchSql.PRODUCT_TARGET.replace(":tenant", "?") + " FROM staging_products s WHERE s.job_id = ?")) {
                int lookups = MatchSql.PRODUCT_TARGET.split(":tenant", -1).length - 1;
                for (int i = 1; i <= lookups; i++) {
                    explain.setString(i, tenant);
                }
                explain.setObject(lookups + 1, UUID.randomUUID());
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        plan.add(rs.getString(1).trim());
                    }
                }
            }
            connection.rollback();
        }

        // the image hash's lookup probes its four band indexes (a bitmap of the four), never a walk of products
        assertThat(plan).as(String.join("\n", plan)).filteredOn(line -> line.contains(" on products")
                        && !line.contains("Bitmap Heap Scan")).extracting(line ->
                line.replaceAll("^.*(?:using|Bitmap Index Scan on) (\\S+)(?: on products)?.*$", "$1"))
                .containsExactly("products_sku_tenant_idx", "products_barcode_tenant_idx", "products_substr_tenant_idx",
                        "products_substr_tenant_idx1", "products_substr_tenant_idx2", "products_substr_tenant_idx3",
                        "products_name_brand_key_tenant_idx");
    }
}
