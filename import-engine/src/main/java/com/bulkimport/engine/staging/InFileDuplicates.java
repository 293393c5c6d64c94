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
     * The same marks for the batches {@code [fromSeq, toSeq)} alone, released while the file is still being
     * read: the rows of earlier batches may be applied and gone from staging, so each released row's keys are kept
     * in {@code staging_keys} (V33: a row per staged row; for products its sku, barcode and name + brand, otherwise
     * its match key). These rows' keys go in first, then each row looks up the earliest row holding each of its
     * keys: batches are released in file order, so that row is this one or an earlier one of the file, and the
     * first occurrence still wins, the same rows as {@link #mark} over the whole file.
     *
     * @return rows of these batches marked as duplicates (each also gets its DUPLICATE_IN_FILE message)
     */
    public static long markReleased(JdbcClient jdbc, StagingTable table, UUID jobId, int fromSeq, int toSeq) {
        if (table.kind() == ImportKind.PURCHASES) {
            throw new IllegalArgumentException("purchases are grouped by transaction across the whole file");
        }
        boolean products = table.kind() == ImportKind.PRODUCTS;
        String range = "s.job_id = :job AND s.batch_seq >= :from AND s.batch_seq < :to";
        // plainly inserted: only the reader holding the job's turn releases its rows, each range once
        jdbc.sql("INSERT INTO staging_keys (job_id, row_number, record_key, barcode, name_brand_key)"
                        + " SELECT s.job_id, s.row_number, "
                        + (products ? "s.sku, s.barcode, s.name_brand_key" : "s.match_key, NULL, NULL")
                        + " FROM " + table.name() + " s WHERE " + range)
                .param("job", jobId).param("from", fromSeq).param("to", toSeq).update();
        // the earliest row holding the key: as for mark(), a sku or a barcode marks any row that has one, the name +
        // brand only rows with neither, though the earlier row may be any row
        String first = products
                ? "least(" + earliest("record_key", "s.sku") + ", " + earliest("barcode", "s.barcode")
                        + ", CASE WHEN s.sku IS NULL AND s.barcode IS NULL THEN "
                        + earliest("name_brand_key", "s.name_brand_key") + " END)"
                : earliest("record_key", "s.match_key");
        jdbc.sql("UPDATE " + table.name() + " s SET duplicate_of = least(s.duplicate_of, " + first + ")"
                        + " WHERE " + range + " AND " + first + " < s.row_number")
                .param("job", jobId).param("from", fromSeq).param("to", toSeq).update();
        return jdbc.sql("INSERT INTO import_row_errors (job_id, row_number, column_name, code, message, raw_record)"
                        + " SELECT job_id, row_number, NULL, 'DUPLICATE_IN_FILE',"
                        + " 'same record as row ' || duplicate_of || '; the first occurrence is imported', "
                        + StagingTable.RAW_VALUES + " FROM " + table.name() + " s"
                        + " WHERE " + range + " AND duplicate_of IS NOT NULL")
                .param("job", jobId).param("from", fromSeq).param("to", toSeq).update();
    }

    /**
     * The first row of the job's released rows whose {@code column} is {@code value}, or null: one probe of the
     * column's index (it ends with the row number), however often the key repeats, and whatever the statistics
     * say (a join planned on a stale "staging_keys is empty" looped over every key of the job for every row).
     */
    private static String earliest(String column, String value) {
        return "(SELECT k.row_number FROM staging_keys k WHERE k.job_id = :job AND k." + column + " = " + value
                + " ORDER BY k.row_number LIMIT 1)";
    }

    /** Rows of keys one statement of {@link #forgetKeysInPieces} deletes: a fraction of a second of work. */
    static final int KEYS_PER_PIECE = 50_000;

    /**
     * Forgets the keys of a job whose read is over (it ended, or was stopped by a cancel): no later row is left
     * to check against them. Outside any transaction, one statement (its own commit) per {@value #KEYS_PER_PIECE}
     * rows of keys: a big file keeps one per row, and deleting them in the transaction that ends the read (then
     * twelve million at four million products, a row per key) held the job row (and with it every applying batch's commit) for fifteen seconds. Nothing reads the keys of
     * a job whose read is over, so they may go after it; what a process that died meanwhile leaves goes with its
     * job's retention (RetentionSweeper).
     *
     * @return the rows of keys deleted
     */
    public static long forgetKeysInPieces(JdbcClient jdbc, UUID jobId) {
        long total = 0;
        while (true) {
            // by ctid (a TID scan): a join back to the piece's keys could be planned as a hash join over the whole
            // table, millions of rows read for each piece of fifty thousand
            int deleted = jdbc.sql("DELETE FROM staging_keys WHERE ctid = ANY (ARRAY("
                            + " SELECT ctid FROM staging_keys WHERE job_id = :job LIMIT :piece))")
                    .param("job", jobId).param("piece", KEYS_PER_PIECE).update();
            total += deleted;
            if (deleted < KEYS_PER_PIECE) {
                return total;
            }
        }
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
