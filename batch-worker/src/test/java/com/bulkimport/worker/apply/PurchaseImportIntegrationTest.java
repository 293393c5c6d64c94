package com.bulkimport.worker.apply;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.model.event.EventType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Purchases: whole transactions, all or nothing by default, references checked before anything is written. */
class PurchaseImportIntegrationTest extends WorkerIntegrationTest {

    private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    private static final String CLEAN = HEADER + """
            536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
            536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,17850,United Kingdom
            536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:27:00,3.39,17850,United Kingdom
            536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:27:00,3.39,17850,United Kingdom
            C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527,United Kingdom
            """;

    private void catalogue() {
        importFile("customers", utf8("customer_ref,name\n17850,Ann\n14527,Bo\n"), "{}");
        importFile("products", utf8("sku,name,category\n85123A,Heart,Decor\n22633,Warmer,Gifts\n71053,Lantern,Decor\n"
                + "D,Discount,Adjustments\n"), "{}");
    }

    private List<Map<String, Object>> purchases() {
        return jdbc.sql("""
                        SELECT p.transaction_ref, p.item_count, p.total_amount::text AS total, p.is_refund,
                               p.purchased_at::text AS at, p.customer_id IS NOT NULL AS linked,
                               string_agg(i.sku || '@' || (i.product_id IS NOT NULL), ',' ORDER BY i.line_no) AS skus
                        FROM purchases p JOIN purchase_items i ON i.purchase_id = p.id
                        WHERE p.tenant = :t GROUP BY p.id ORDER BY p.transaction_ref""")
                .param("t", tenant).query().listOfRows();
    }

    @Test
    void cleanLinesBecomeWholePurchasesInOneBatch() {
        catalogue();

        UUID jobId = importFile("purchases", utf8(CLEAN), "{}");

        // created and duplicates count transactions (3 purchases; one identical line); items count lines
        assertThat(counts(jobId)).isEqualTo(new JobCounts(3L, 0L, 0L, 1L, 0L, 5L, "COMPLETED"));
        assertThat(job(jobId)).containsEntry("item_count", 4L).containsEntry("batch_count", 1)
                .containsEntry("atomic", true);
        Map<String, Object> completed = finalCounts(jobId, "purchases", 5L, 5, 3, 0, 0, 1, 0);
        completed.put("items", 4L);
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_COMPLETED)).isEqualTo(completed);
        assertThat(job(jobId).get("warnings").toString())
                .contains("1 transaction(s) had lines at different times; each took its earliest time");
        List<Map<String, Object>> purchases = purchases();
        assertThat(purchases).hasSize(3);
        assertThat(purchases.get(0)).containsEntry("transaction_ref", "536365").containsEntry("item_count", 2)
                .containsEntry("total", "35.64").containsEntry("linked", true).containsEntry("is_refund", false)
                .containsEntry("at", "2010-12-01 08:26:00+00").containsEntry("skus", "85123A@true,71053@true");
        assertThat(purchases.get(1)).containsEntry("transaction_ref", "536366").containsEntry("total", "11.10");
        assertThat(purchases.get(2)).containsEntry("transaction_ref", "C536379").containsEntry("total", "-27.5")
                .containsEntry("is_refund", true);
    }

    /** CLEAN as Excel (United States) saves it as CSV: dates month first with the year last, times without seconds. */
    private static final String EXCEL_US = HEADER + """
            536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom
            536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,17850,United Kingdom
            536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:27,3.39,17850,United Kingdom
            C536379,D,Discount,-1,12/1/2010 9:41:00 AM,27.50,14527,United Kingdom
            537000,22633,HAND WARMER UNION JACK,1,12/13/2010 2:05 PM,1.85,14527,United Kingdom
            """;

    @Test
    void datesWithTheYearLastAreReadInTheDeclaredOrder() {
        catalogue();

        UUID jobId = importFile("purchases", utf8(EXCEL_US), "{\"date_order\": \"MDY\"}");

        assertThat(job(jobId)).containsEntry("status", "COMPLETED").containsEntry("error_count", 0L);
        assertThat(purchases()).extracting(p -> p.get("transaction_ref") + "@" + p.get("at")).containsExactly(
                "536365@2010-12-01 08:26:00+00", "536366@2010-12-01 08:28:00+00", "537000@2010-12-13 14:05:00+00",
                "C536379@2010-12-01 09:41:00+00");
    }

    @Test
    void datesWithoutAnOffsetAreReadInTheJobsTimeZone() {
        catalogue();

        // New York: UTC-5 in December
        UUID jobId = importFile("purchases", utf8(EXCEL_US),
                "{\"date_order\": \"MDY\", \"time_zone\": \"America/New_York\"}");

        assertThat(job(jobId)).containsEntry("status", "COMPLETED");
        assertThat(purchases()).extracting(p -> p.get("transaction_ref") + "@" + p.get("at")).containsExactly(
                "536365@2010-12-01 13:26:00+00", "536366@2010-12-01 13:28:00+00", "537000@2010-12-13 19:05:00+00",
                "C536379@2010-12-01 14:41:00+00");
    }

    @Test
    void datesWithTheYearLastAndNoDeclaredOrderAreRowErrorsThatSayWhatToDeclare() {
        catalogue();

        UUID jobId = importFile("purchases", utf8(EXCEL_US), "{}");

        assertThat(job(jobId)).containsEntry("status", "FAILED").containsEntry("failure_code", "ATOMIC_IMPORT_REFUSED")
                .containsEntry("error_count", 5L);
        assertThat(rowErrors(jobId)).extracting(e -> e.get(0) + ":" + e.get(1) + ":" + e.get(2)).containsExactly(
                "1:purchased_at:NOT_A_TIMESTAMP", "2:purchased_at:NOT_A_TIMESTAMP", "3:purchased_at:NOT_A_TIMESTAMP",
                "4:purchased_at:NOT_A_TIMESTAMP", "5:purchased_at:NOT_A_TIMESTAMP");
        assertThat(rowErrors(jobId).get(0).get(3)).isEqualTo("purchased_at '12/1/2010 8:26' writes the year last;"
                + " is it month/day (as United States spreadsheets write dates) or day/month? declare date_order MDY"
                + " or DMY for this import");
        assertThat(rowErrors(jobId).get(4).get(3)).isEqualTo("purchased_at '12/13/2010 2:05 PM' writes the year"
                + " last, month first: declare date_order MDY for this import");
        assertThat(purchases()).isEmpty();
    }

    @Test
    void anyProblemFailsTheWholeJobListingEverythingAndWritesNothing() {
        importFile("customers", utf8("customer_ref,name\n17850,Ann\n"), "{}");
        importFile("products", utf8("sku,name,category\n85123A,Heart,Decor\n71053,Lantern,Decor\n"), "{}");

        UUID jobId = importFile("purchases", utf8(CLEAN + "536380,22961,JAM MAKING SET,many,2010-12-01 09:41:00,1.45,"
                + "17850,United Kingdom\n"), "{}");

        Map<String, Object> job = job(jobId);
        assertThat(job).containsEntry("status", "FAILED").containsEntry("failure_code", "ATOMIC_IMPORT_REFUSED")
                .containsEntry("error_count", 4L).containsEntry("created_count", 0L);
        assertThat((String) job.get("failure_reason")).isEqualTo("nothing was imported (the import is all or"
                + " nothing): 1 line(s) failed validation; 1 line(s) with unknown customers: 14527;"
                + " 2 line(s) with unknown skus: 22633, D; see the error report");
        assertThat(rowErrors(jobId)).extracting(e -> e.get(0) + ":" + e.get(2)).containsExactly(
                "2:UNKNOWN_SKU", "4:DUPLICATE_IN_FILE", "5:UNKNOWN_CUSTOMER", "5:UNKNOWN_SKU", "6:NOT_AN_INTEGER");
        // refused whole: every line was looked at, nothing applied, no item written
        Map<String, Object> failed = finalCounts(jobId, "purchases", 6L, 6, 0, 0, 0, 0, 4);
        failed.put("items", 0L);
        failed.put("failure_code", "ATOMIC_IMPORT_REFUSED");
        failed.put("failure_reason", job.get("failure_reason"));
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_FAILED)).isEqualTo(failed);
        assertThat(purchases()).isEmpty();
        assertThat(stagedRows(jobId, "purchases")).isZero();
    }

    @Test
    void withoutAtomicityOnlyTheTransactionsWithProblemsAreRefused() {
        importFile("customers", utf8("customer_ref,name\n17850,Ann\n14527,Bo\n"), "{}");
        importFile("products", utf8("sku,name,category\n85123A,Heart,Decor\n71053,Lantern,Decor\nD,Discount,Adj\n"), "{}");

        UUID jobId = importFile("purchases", utf8(CLEAN), "{\"atomic\": false}");

        // 536366 names sku 22633, which does not exist: that transaction (1 line) is refused
        assertThat(counts(jobId)).isEqualTo(new JobCounts(2L, 0L, 0L, 1L, 1L, 5L, "COMPLETED_WITH_ERRORS"));
        assertThat(purchases()).extracting(p -> p.get("transaction_ref")).containsExactly("536365", "C536379");
    }

    @Test
    void anImportedTransactionIsNeverWrittenTwice() {
        catalogue();
        importFile("purchases", utf8(CLEAN), "{}");

        UUID again = importFile("purchases", utf8(CLEAN), "{}");

        // 3 transactions imported before, 1 identical line: 4 duplicates, nothing created
        assertThat(counts(again)).isEqualTo(new JobCounts(0L, 0L, 0L, 4L, 0L, 5L, "COMPLETED"));
        assertThat(jdbc.sql("SELECT count(*) FROM purchase_items i JOIN purchases p ON p.id = i.purchase_id"
                + " WHERE p.tenant = :t").param("t", tenant).query(Long.class).single()).isEqualTo(4);
        assertThat(rowErrors(again)).filteredOn(e -> "DUPLICATE_TRANSACTION".equals(e.get(2)))
                .extracting(e -> e.get(0)).containsExactly(1L, 2L, 5L);

        UUID refused = importFile("purchases", utf8(CLEAN), "{\"duplicate_transactions\": \"fail\"}");
        assertThat(job(refused)).containsEntry("status", "FAILED").containsEntry("failure_code", "ATOMIC_IMPORT_REFUSED");
    }

    @Test
    void aTransactionIsNeverSplitAcrossBatches() {
        StringBuilder skus = new StringBuilder("sku,name,category\n");
        StringBuilder lines = new StringBuilder("transaction_ref,merchant,sku,quantity,unit_price\n");
        for (int i = 0; i < 250; i++) {
            skus.append("SKU").append(i).append(",Item ").append(i).append(",Cat\n");
            lines.append("T").append(i % 3).append(",m1,SKU").append(i).append(",1,1.00\n");
        }
        importFile("products", utf8(skus.toString()), "{}");

        UUID jobId = importFile("purchases", utf8(lines.toString()), "{\"batch_size\": 100, \"atomic\": false}");

        assertThat(counts(jobId)).isEqualTo(new JobCounts(3L, 0L, 0L, 0L, 0L, 250L, "COMPLETED"));
        assertThat(jdbc.sql("SELECT transaction_ref || '=' || item_count FROM purchases WHERE tenant = :t"
                + " ORDER BY transaction_ref").param("t", tenant).query(String.class).list())
                .containsExactly("T0=84", "T1=83", "T2=83");
        assertThat(jdbc.sql("SELECT count(*) FROM import_batches WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single()).isEqualTo(2);
    }

}
