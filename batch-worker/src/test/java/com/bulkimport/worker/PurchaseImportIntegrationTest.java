package com.bulkimport.worker;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PurchaseImportIntegrationTest extends WorkerIntegrationTest {

    private static final String LINES = """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
            536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,17850,United Kingdom
            536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom
            536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom
            C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527,United Kingdom
            536380,22961,JAM MAKING SET PRINTED,many,2010-12-01 09:41:00,1.45,17809,United Kingdom
            """;
    private static final String OPTIONS = "{\"defaults\": {\"merchant\": \"online-retail\"}}";

    @Test
    void linesBecomePurchasesWithItemsAndTotals() {
        importFile("customers", utf8("customer_ref,name\n17850,Ana\n"), "{}");

        UUID jobId = importFile("purchases", utf8(LINES), OPTIONS);

        assertThat(counts(jobId)).containsExactly(4L, 0L, 0L, 1L, 1L, 6L, "COMPLETED_WITH_ERRORS");
        assertThat(rowErrors(jobId)).containsExactly(
                Arrays.asList(4L, null, "DUPLICATE_IN_FILE", "same line as row 3; the first occurrence is imported"),
                Arrays.asList(6L, "quantity", "NOT_AN_INTEGER", "quantity must be a whole number, got 'many'"));
        List<Map<String, Object>> purchases = jdbc.sql("""
                        SELECT p.transaction_ref, p.item_count, p.total_amount::text AS total, p.customer_id IS NOT NULL AS linked,
                               string_agg(i.sku, ',' ORDER BY i.line_no) AS skus
                        FROM purchases p JOIN purchase_items i ON i.purchase_id = p.id
                        WHERE p.tenant = :t GROUP BY p.id ORDER BY p.transaction_ref""")
                .param("t", tenant).query().listOfRows();
        assertThat(purchases).hasSize(3);
        assertThat(purchases.get(0)).containsEntry("transaction_ref", "536365").containsEntry("item_count", 2)
                .containsEntry("total", "35.64").containsEntry("linked", true).containsEntry("skus", "85123A,71053");
        assertThat(purchases.get(1)).containsEntry("transaction_ref", "536366").containsEntry("total", "11.10");
        assertThat(purchases.get(2)).containsEntry("transaction_ref", "C536379").containsEntry("total", "-27.5")
                .containsEntry("linked", false);
    }

    @Test
    void anImportedTransactionIsNeverWrittenTwice() {
        importFile("purchases", utf8(LINES), OPTIONS);

        UUID again = importFile("purchases", utf8(LINES), OPTIONS);

        assertThat(counts(again)).containsExactly(0L, 0L, 0L, 5L, 1L, 6L, "COMPLETED_WITH_ERRORS");
        assertThat(jdbc.sql("SELECT count(*) FROM purchase_items i JOIN purchases p ON p.id = i.purchase_id"
                + " WHERE p.tenant = :t").param("t", tenant).query(Long.class).single()).isEqualTo(4);
        assertThat(rowErrors(again)).filteredOn(e -> "DUPLICATE_TRANSACTION".equals(e.get(2)))
                .extracting(e -> e.get(0)).containsExactly(1L, 2L, 5L);
    }

    @Test
    void aTransactionIsNeverSplitAcrossBatches() {
        StringBuilder lines = new StringBuilder("transaction_ref,merchant,sku,quantity,unit_price\n");
        for (int i = 0; i < 250; i++) {
            lines.append("T").append(i % 3).append(",m1,SKU").append(i).append(",1,1.00\n");
        }
        UUID jobId = importFile("purchases", utf8(lines.toString()), "{\"batch_size\": 100}");

        assertThat(counts(jobId)).containsExactly(250L, 0L, 0L, 0L, 0L, 250L, "COMPLETED");
        assertThat(jdbc.sql("SELECT transaction_ref || '=' || item_count FROM purchases WHERE tenant = :t"
                + " ORDER BY transaction_ref").param("t", tenant).query(String.class).list())
                .containsExactly("T0=84", "T1=83", "T2=83");
        assertThat(jdbc.sql("SELECT count(*) FROM import_batches WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single()).isEqualTo(2);
    }
}
