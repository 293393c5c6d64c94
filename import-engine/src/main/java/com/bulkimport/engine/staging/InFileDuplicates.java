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
     * read: the rows of earlier batches may be applied and gone from staging, so each key a released row
     * holds is kept in {@code staging_keys} with the first row that held it. Batches are released in file
     * order, so a key already there came from an earlier row and wins; the first occurrence still wins.
     *
     * @return rows of these batches marked as duplicates (each also gets its DUPLICATE_IN_FILE message)
     */
    public static long markReleased(JdbcClient jdbc, StagingTable table, UUID jobId, int fromSeq, int toSeq) {
        if (table.kind() == ImportKind.PURCHASES) {
            throw new IllegalArgumentException("purchases are grouped by transaction across the whole file");
        }
        if (table.kind() == ImportKind.PRODUCTS) {
            // in the order of mark(): each later key keeps the earliest pointer (least)
            markReleasedBy(jdbc, table, jobId, fromSeq, toSeq, 1, "sku", "sku IS NOT NULL", "sku IS NOT NULL");
            markReleasedBy(jdbc, table, jobId, fromSeq, toSeq, 2, "barcode", "barcode IS NOT NULL",
                    "barcode IS NOT NULL");
            // the earlier row may be any row; only rows with neither sku nor barcode are marked by it
            markReleasedBy(jdbc, table, jobId, fromSeq, toSeq, 3, "name_brand_key", "true",
                    "sku IS NULL AND barcode IS NULL");
        } else {
            markReleasedBy(jdbc, table, jobId, fromSeq, toSeq, 0, "match_key", "true", "true");
        }
        return jdbc.sql("INSERT INTO import_row_errors (job_id, row_number, column_name, code, message, raw_record)"
                        + " SELECT job_id, row_number, NULL, 'DUPLICATE_IN_FILE',"
                        + " 'same record as row ' || duplicate_of || '; the first occurrence is imported', "
                        + StagingTable.RAW_VALUES + " FROM " + table.name() + " s"
                        + " WHERE job_id = :job AND batch_seq >= :from AND batch_seq < :to AND duplicate_of IS NOT NULL")
                .param("job", jobId).param("from", fromSeq).param("to", toSeq).update();
    }

    private static void markReleasedBy(JdbcClient jdbc, StagingTable table, UUID jobId, int fromSeq, int toSeq,
                                       int keyType, String key, String candidates, String scope) {
        String range = "job_id = :job AND batch_seq >= :from AND batch_seq < :to";
        jdbc.sql("INSERT INTO staging_keys (job_id, key_type, key, first_row)"
                        + " SELECT :job, :type, " + key + ", min(row_number) FROM " + table.name()
                        + " WHERE " + range + " AND " + candidates + " GROUP BY " + key
                        + " ON CONFLICT (job_id, key_type, key) DO NOTHING")
                .param("job", jobId).param("type", keyType).param("from", fromSeq).param("to", toSeq)
                .update();
        // one probe of the key's primary key per staged row (a correlated subquery), whatever the statistics say:
        // a join planned on the stale "staging_keys is empty" looped over every key of the job for every row
        String first = "(SELECT k.first_row FROM staging_keys k WHERE k.job_id = :job AND k.key_type = :type"
                + " AND k.key = s." + key + ")";
        jdbc.sql("UPDATE " + table.name() + " s SET duplicate_of = least(s.duplicate_of, " + first + ")"
                        + " WHERE s.job_id = :job AND s.batch_seq >= :from AND s.batch_seq < :to AND " + scope
                        + " AND " + first + " < s.row_number")
                .param("job", jobId).param("type", keyType).param("from", fromSeq).param("to", toSeq)
                .update();
    }

    /** Keys one statement of {@link #forgetKeysInPieces} deletes: a fraction of a second of work. */
    static final int KEYS_PER_PIECE = 50_000;

    /**
     * Forgets the keys of a job whose read is over (it ended, or was stopped by a cancel): no later row is left
     * to check against them. Outside any transaction, one statement (its own commit) per {@value #KEYS_PER_PIECE}
     * keys: a big file keeps a key per row, and deleting twelve million in the transaction that ends the read
     * held the job row (and with it every applying batch's commit) for fifteen seconds. Nothing reads the keys of
     * a job whose read is over, so they may go after it; what a process that died meanwhile leaves goes with its
     * job's retention (RetentionSweeper).
     *
     * @return the keys deleted
     */
    public static long forgetKeysInPieces(JdbcClient jdbc, UUID jobId) {
        long total = 0;
        while (true) {
            // by ctid (a TID scan): a join back to the piece's keys could be planned as a hash join over the whole
            // table, twelve million rows read for each piece of fifty thousand
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
