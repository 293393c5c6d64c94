package com.bulkimport.worker.apply;

import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DishAndCustomerImportIntegrationTest extends WorkerIntegrationTest {

    @Test
    void dishesBelongToImportedRestaurantsAndMatchByNormalizedName() {
        importFile("restaurants", utf8("external_id,name\nR1,Cafe Sol\nR2,Tasca\n"), "{}");

        UUID first = importFile("dishes", utf8("""
                restaurant_external_id,name,price,is_vegetarian,spice_level
                R1,Grilled Sardines,12.50,No,1
                R1,grilled  sardines!,13,No,1
                R9,Ghost Soup,5,Yes,0
                R2,Bacalhau,abc,No,9
                R2,Caldo Verde,4.5,yes,0
                """), "{}");

        assertThat(counts(first)).isEqualTo(new JobCounts(2L, 0L, 0L, 1L, 2L, 5L, "COMPLETED_WITH_ERRORS"));
        assertThat(rowErrors(first)).containsExactly(
                Arrays.asList(2L, null, "DUPLICATE_IN_FILE", "same record as row 1; the first occurrence is imported"),
                Arrays.asList(3L, "restaurant_external_id", "UNKNOWN_RESTAURANT",
                        "no restaurant with external_id 'R9' exists; import it first"),
                Arrays.asList(4L, "price", "NOT_A_NUMBER", "price must be a number, got 'abc'"),
                Arrays.asList(4L, "spice_level", "OUT_OF_RANGE", "spice_level must be at most 5, got 9"));
        Map<String, Object> sardines = jdbc.sql("""
                        SELECT d.name, d.price::text AS price, r.external_id AS restaurant FROM dishes d
                        JOIN restaurants r ON r.id = d.restaurant_id WHERE d.tenant = :t AND d.name = 'Grilled Sardines'""")
                .param("t", tenant).query().singleRow();
        assertThat(sardines).containsEntry("price", "12.5").containsEntry("restaurant", "R1");

        UUID again = importFile("dishes", utf8("""
                restaurant_external_id,name,price,is_vegetarian,spice_level
                R1,Grilled Sardines,14,No,1
                R2,Caldo Verde,4.5,yes,0
                """), "{}");
        assertThat(counts(again)).isEqualTo(new JobCounts(0L, 1L, 1L, 0L, 0L, 2L, "COMPLETED"));
    }

    @Test
    void customersMatchByRefAndCheckTheirEmails() {
        UUID first = importFile("customers", utf8("""
                CustomerID,Name,Email,Country
                17850,Ana Silva,ANA@example.com,Portugal
                17851,Bo Li,not-an-email,China
                17850,Ana S.,ana@example.com,Portugal
                17852,Cy Doe,,United Kingdom
                """), "{}");

        assertThat(counts(first)).isEqualTo(new JobCounts(2L, 0L, 0L, 1L, 1L, 4L, "COMPLETED_WITH_ERRORS"));
        assertThat(jdbc.sql("SELECT email FROM customers WHERE tenant = :t AND customer_ref = '17850'")
                .param("t", tenant).query(String.class).single()).isEqualTo("ana@example.com");

        UUID again = importFile("customers", utf8("""
                customer_ref,name,email,country
                17850,Ana Silva,ana@example.com,Portugal
                17852,Cy Doe,cy@example.com,United Kingdom
                17853,Di Ray,,Ireland
                """), "{}");
        assertThat(counts(again)).isEqualTo(new JobCounts(1L, 1L, 1L, 0L, 0L, 3L, "COMPLETED"));
    }

    @Test
    void restaurantColumnsMissingFromTheFileAreLeftAsTheyWere() {
        importFile("restaurants", utf8("external_id,name,city,rating\nR1,Cafe Sol,Lisbon,4.5\n"), "{}");

        UUID renamed = importFile("restaurants", utf8("external_id,name\nR1,Café Sol\n"), "{}");

        assertThat(counts(renamed)).isEqualTo(new JobCounts(0L, 1L, 0L, 0L, 0L, 1L, "COMPLETED"));
        assertThat(jdbc.sql("SELECT name || '/' || city || '/' || rating FROM restaurants WHERE tenant = :t")
                .param("t", tenant).query(String.class).single()).isEqualTo("Café Sol/Lisbon/4.5");
    }

    @Test
    void aDefaultFillsEmptyCellsAndMissingColumns() {
        UUID jobId = importFile("restaurants", utf8("external_id,name,city\nR1,Sol,\nR2,Mar,Porto\n"),
                "{\"defaults\": {\"city\": \"Lisbon\", \"currency\": \"EUR\"}}");

        assertThat(counts(jobId)).isEqualTo(new JobCounts(2L, 0L, 0L, 0L, 0L, 2L, "COMPLETED"));
        assertThat(jdbc.sql("SELECT external_id || ':' || city || ':' || currency FROM restaurants WHERE tenant = :t"
                + " ORDER BY external_id").param("t", tenant).query(String.class).list())
                .containsExactly("R1:Lisbon:EUR", "R2:Porto:EUR");
    }
}
