package com.bulkimport.worker.staging;

import com.bulkimport.model.ImportKind;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

/**
 * Marks rows that repeat an earlier row of the same file ({@code duplicate_of} = the first one, which
 * wins) and records each as a DUPLICATE_IN_FILE row message. One set-based statement per kind:
 * <ul>
 * <li>most kinds: the same match key;</li>
 * <li>products: the same sku, or the same barcode, or (for rows with neither) the same name + brand;</li>
 * <li>purchases: the same line (transaction, item, quantity, price, description, time) twice.</li>
 * </ul>
 */
public final class InFileDuplicates {

    private InFileDuplicates() {
    }

    /** @return rows marked as duplicates */
    public static long mark(JdbcClient jdbc, StagingTable table, UUID jobId) {
        int marked = jdbc.sql("UPDATE " + table.name() + " s SET duplicate_of = d.first FROM ("
                        + firstOccurrence(table) + ") d"
                        + " WHERE s.job_id = :job AND s.row_number = d.row_number AND d.first < d.row_number")
                .param("job", jobId).update();
        if (marked > 0) {
            String what = table.kind() == ImportKind.PURCHASES ? "same line as row " : "same record as row ";
            jdbc.sql("INSERT INTO import_row_errors (job_id, row_number, column_name, code, message)"
                            + " SELECT job_id, row_number, NULL, 'DUPLICATE_IN_FILE',"
                            + " '" + what + "' || duplicate_of || '; the first occurrence is imported'"
                            + " FROM " + table.name() + " WHERE job_id = :job AND duplicate_of IS NOT NULL")
                    .param("job", jobId).update();
        }
        return marked;
    }

    private static String firstOccurrence(StagingTable table) {
        String from = " FROM " + table.name() + " WHERE job_id = :job";
        return switch (table.kind()) {
            case PRODUCTS -> "SELECT row_number, least("
                    + " CASE WHEN sku IS NOT NULL THEN min(row_number) OVER (PARTITION BY sku) END,"
                    + " CASE WHEN barcode IS NOT NULL THEN min(row_number) OVER (PARTITION BY barcode) END,"
                    + " CASE WHEN sku IS NULL AND barcode IS NULL"
                    + "      THEN min(row_number) OVER (PARTITION BY name_brand_key) END) AS first" + from;
            case PURCHASES -> "SELECT row_number, min(row_number) OVER (PARTITION BY match_key, sku, quantity,"
                    + " unit_price, description, purchased_at, customer_ref) AS first" + from;
            default -> "SELECT row_number, min(row_number) OVER (PARTITION BY match_key) AS first" + from;
        };
    }

    /**
     * Purchases are applied whole: all lines of one transaction go into the same batch, batches
     * filling up to about {@code batchSize} lines in file order.
     */
    public static void groupTransactions(JdbcClient jdbc, StagingTable table, UUID jobId, int batchSize) {
        if (table.kind() != ImportKind.PURCHASES) {
            return;
        }
        jdbc.sql("UPDATE " + table.name() + " s SET batch_seq = g.seq FROM ("
                        + " SELECT match_key, ((sum(count(*)) OVER (ORDER BY min(row_number)) - count(*))::bigint / :size)::int"
                        + " AS seq FROM " + table.name() + " WHERE job_id = :job GROUP BY match_key) g"
                        + " WHERE s.job_id = :job AND s.match_key = g.match_key AND s.batch_seq <> g.seq")
                .param("job", jobId).param("size", batchSize).update();
    }
}
