package com.bulkimport.worker.ingest;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.local.embedded.testkit.Datasets;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.spec.FieldSpec;
import com.bulkimport.model.spec.FieldType;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers as files write them (issue 19, task 17), through the worker: the real Zomato file, whose
 * coordinates carry up to nine decimals, and a pandas-style file of floats that used to lose its rows.
 * Expected counts and values were computed from the file with Python's decimal module (quantize to 1e-7,
 * ROUND_HALF_EVEN), not by the code under test.
 */
class NumbersAsFilesWriteThemIntegrationTest extends WorkerIntegrationTest {

    private List<String> roundingWarnings(UUID jobId) {
        return jdbc.sql("SELECT w FROM import_jobs, jsonb_array_elements_text(warnings) AS w WHERE id = :id"
                        + " AND w LIKE '%rounded to%'").param("id", jobId).query(String.class).list();
    }

    private Map<String, Object> restaurant(String externalId) {
        return jdbc.sql("SELECT latitude::text AS latitude, longitude::text AS longitude, rating::text AS rating,"
                        + " votes, average_cost_for_two::text AS cost FROM restaurants"
                        + " WHERE tenant = :t AND external_id = :id")
                .param("t", tenant).param("id", externalId).query().singleRow();
    }

    @Test
    void zomatosCoordinatesAreRoundedToSevenPlacesWithOneWarningPerColumn() throws IOException {
        byte[] zomato = Files.readAllBytes(Datasets.file("restaurants/zomato.csv"));

        UUID jobId = importFile("restaurants", zomato, """
                {"column_mapping": {"Restaurant ID": "external_id", "Restaurant Name": "name",
                                    "Aggregate rating": "rating"}}""");

        assertThat(counts(jobId)).isEqualTo(new JobCounts(9_551L, 0L, 0L, 0L, 0L, 9_551L, "COMPLETED"));
        // 1,716 latitudes and 1,663 longitudes have digits past the seventh decimal that are not all zero
        assertThat(roundingWarnings(jobId)).containsExactly(
                "column 'Latitude' (latitude): 1,716 values rounded to 7 decimal places",
                "column 'Longitude' (longitude): 1,663 values rounded to 7 decimal places");
        // 9.979362921 / 76.28500095
        assertThat(restaurant("900682")).containsEntry("latitude", "9.9793629").containsEntry("longitude", "76.285001");
        // ties go to the even digit: 54.37332205 -> 54.373322 (half-up would give 54.3733221)
        assertThat(restaurant("5701446")).containsEntry("longitude", "54.373322");
        // 24.48841145 -> 24.4884114; -33.92451515 -> -33.9245152
        assertThat(restaurant("5701548")).containsEntry("latitude", "24.4884114");
        assertThat(restaurant("6401060")).containsEntry("latitude", "-33.9245152");
        // six decimals: stored as written
        assertThat(restaurant("6317637")).containsEntry("latitude", "14.565443").containsEntry("longitude", "121.027535");
        assertThat(jdbc.sql("SELECT count(*) FROM restaurants WHERE tenant = :t AND (scale(latitude) > 7"
                + " OR scale(longitude) > 7)").param("t", tenant).query(Long.class).single()).isZero();
    }

    @Test
    void aPandasStyleFileOfFloatsIsImportedWhole() {
        UUID jobId = importFile("restaurants", utf8("""
                external_id,name,latitude,longitude,rating,votes,price_range,average_cost_for_two
                P1,Alpha,40.814460625261,-73.94936656951904,4.300000000000001,12.0,2.0,"1,200.5"
                P2,Beta,0.30000000000000004,1e-3,3.6666666666666665,,3.0,+25
                P3,Gamma, 40.7 ,-7.39E1,NaN,1500.0,1,0.12345
                P4,Delta,41.5,-74.1,4.5,3.5,1,10
                """), "{}");

        // P4's 3.5 votes is a row error: a whole number's fraction is refused, never rounded
        assertThat(counts(jobId)).isEqualTo(new JobCounts(3L, 0L, 0L, 0L, 1L, 4L, "COMPLETED_WITH_ERRORS"));
        assertThat(rowErrors(jobId)).containsExactly(java.util.Arrays.asList(4L, "votes", "NOT_AN_INTEGER",
                "votes must be a whole number, got '3.5'"));
        assertThat(restaurant("P1")).containsEntry("latitude", "40.8144606").containsEntry("longitude", "-73.9493666")
                .containsEntry("rating", "4.3").containsEntry("votes", 12).containsEntry("cost", "1200.5");
        assertThat(restaurant("P2")).containsEntry("latitude", "0.3").containsEntry("longitude", "0.001")
                .containsEntry("rating", "3.67").containsEntry("votes", null).containsEntry("cost", "25");
        assertThat(restaurant("P3")).containsEntry("latitude", "40.7").containsEntry("longitude", "-73.9")
                .containsEntry("rating", null).containsEntry("votes", 1500).containsEntry("cost", "0.1234");
        assertThat(roundingWarnings(jobId)).containsExactly(
                "column 'latitude' (latitude): 2 values rounded to 7 decimal places",
                "column 'longitude' (longitude): 1 value rounded to 7 decimal places",
                "column 'average_cost_for_two' (average_cost_for_two): 1 value rounded to 4 decimal places",
                "column 'rating' (rating): 2 values rounded to 2 decimal places");
    }

    /** Every decimal's scale and every integer's range fit the columns they are stored in. */
    @Test
    void everyNumberFieldFitsItsColumns() {
        Map<ImportKind, List<String>> tables = Map.of(ImportKind.RESTAURANTS, List.of("restaurants"),
                ImportKind.DISHES, List.of("dishes"), ImportKind.PRODUCTS, List.of("products"),
                ImportKind.CUSTOMERS, List.of("customers"), ImportKind.PURCHASES, List.of("purchase_items"));
        int checked = 0;
        for (ImportKind kind : tables.keySet()) {
            KindSpec spec = KindSpecs.get(kind);
            for (FieldSpec field : spec.fields()) {
                if (field.type() != FieldType.DECIMAL && field.type() != FieldType.INTEGER) {
                    continue;
                }
                for (String table : concat("staging_" + kind.wireName(), tables.get(kind))) {
                    List<Map<String, Object>> columns = jdbc.sql("SELECT data_type, numeric_scale FROM"
                                    + " information_schema.columns WHERE table_name = :t AND column_name = :c")
                            .param("t", table).param("c", field.name()).query().listOfRows();
                    if (columns.isEmpty()) {
                        continue;
                    }
                    Map<String, Object> column = columns.get(0);
                    String where = table + "." + field.name();
                    if (field.type() == FieldType.DECIMAL) {
                        assertThat(column.get("data_type")).as(where).isEqualTo("numeric");
                        Object scale = column.get("numeric_scale");
                        assertThat(scale == null || ((Number) scale).intValue() >= field.scale()).as(where).isTrue();
                    } else {
                        assertThat(column.get("data_type")).as(where).isIn("integer", "bigint");
                        BigDecimal max = "integer".equals(column.get("data_type"))
                                ? BigDecimal.valueOf(Integer.MAX_VALUE) : BigDecimal.valueOf(Long.MAX_VALUE);
                        assertThat(field.max()).as(where + " has an upper bound").isNotNull();
                        assertThat(field.max()).as(where).isLessThanOrEqualTo(max);
                        assertThat(field.min()).as(where).isGreaterThanOrEqualTo(max.negate());
                    }
                    checked++;
                }
            }
        }
        // 7 decimals and 6 integers, each in its staging table and its domain table
        assertThat(checked).isEqualTo(26);
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(rest);
        all.add(0, first);
        return all;
    }
}
