package com.bulkimport.engine.staging;

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
        long marked = switch (table.kind()) {
            // one grouping per identifier: hash aggregates, far cheaper than window sorts over the job
            case PRODUCTS -> markBy(jdbc, table, jobId, "sku", "sku IS NOT NULL")
                    + markBy(jdbc, table, jobId, "barcode", "barcode IS NOT NULL")
                    + markBy(jdbc, table, jobId, "name_brand_key", "sku IS NULL AND barcode IS NULL");
            case PURCHASES -> markSameLines(jdbc, table, jobId);
            default -> markBy(jdbc, table, jobId, "match_key", "true");
        };
        if (marked > 0) {
            String what = table.kind() == ImportKind.PURCHASES ? "same line as row " : "same record as row ";
            jdbc.sql("INSERT INTO import_row_errors (job_id, row_number, column_name, code, message, raw_record)"
                            + " SELECT job_id, row_number, NULL, 'DUPLICATE_IN_FILE',"
                            + " '" + what + "' || duplicate_of || '; the first occurrence is imported', "
                            + StagingTable.RAW_VALUES + " FROM " + table.name() + " s"
                            + " WHERE job_id = :job AND duplicate_of IS NOT NULL")
                    .param("job", jobId).update();
        }
        return jdbc.sql("SELECT count(*) FROM " + table.name() + " WHERE job_id = :job AND duplicate_of IS NOT NULL")
                .param("job", jobId).query(Long.class).single();
    }

    /**
     * Rows (among those matching {@code scope}) whose {@code key} an earlier row has; a row already
     * marked by an earlier key keeps the earliest pointer. For products, the name + brand key only
     * applies to rows without sku and barcode, but the earlier row may be any row.
     */
    private static long markBy(JdbcClient jdbc, StagingTable table, UUID jobId, String key, String scope) {
        String candidates = key.equals("name_brand_key") ? "true" : scope;
        return jdbc.sql("UPDATE " + table.name() + " s SET duplicate_of = least(s.duplicate_of, f.first) FROM ("
                        + " SELECT " + key + " AS k, min(row_number) AS first FROM " + table.name()
                        + " WHERE job_id = :job AND " + candidates + " GROUP BY " + key + " HAVING count(*) > 1) f"
                        + " WHERE s.job_id = :job AND s." + key + " = f.k AND s.row_number > f.first AND " + scope)
                .param("job", jobId).update();
    }

    private static long markSameLines(JdbcClient jdbc, StagingTable table, UUID jobId) {
        return jdbc.sql("UPDATE " + table.name() + " s SET duplicate_of = d.first FROM ("
                        + "SELECT row_number, min(row_number) OVER (PARTITION BY match_key, sku, quantity, unit_price,"
                        + " description, purchased_at, customer_ref) AS first FROM " + table.name()
                        + " WHERE job_id = :job) d"
                        + " WHERE s.job_id = :job AND s.row_number = d.row_number AND d.first < d.row_number")
                .param("job", jobId).update();
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
