package com.bulkimport.engine.purchase;

import com.bulkimport.engine.match.MatchSql;
import com.bulkimport.engine.staging.StagingTable;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The purchase-import seed's rules, run on the staged lines of a job before anything is written:
 * a transaction's lines must agree on the customer; lines of one transaction a minute apart take
 * the earliest time; every customer and sku must exist (one set-based anti-join each); an already
 * imported transaction is skipped (or refused, by option). Problems become row errors; the caller
 * decides whether they fail the job (atomic) or only refuse the affected transactions.
 */
public final class PurchaseRules {

    private static final String STAGING = "staging_purchases";
    /** Lines naming a customer the tenant does not have ({@code %s}: the raw record), with {@code :job, :tenant}. */
    static final String UNKNOWN_CUSTOMERS = """
            SELECT s.row_number, 'no customer with customer_ref ''' || s.customer_ref || ''' exists' AS message,
                   %s AS raw
            FROM staging_purchases s
            WHERE s.job_id = :job AND s.duplicate_of IS NULL AND s.customer_ref IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.match_key = s.customer_ref AND c.tenant = """
            + MatchSql.LOOKUP_TENANT + ")";
    /** Lines naming a sku the tenant does not have, as {@link #UNKNOWN_CUSTOMERS} (the tenant as MatchSql's products). */
    static final String UNKNOWN_SKUS = """
            SELECT s.row_number, 'no product with sku ''' || s.sku || ''' exists' AS message, %s AS raw
            FROM staging_purchases s
            WHERE s.job_id = :job AND s.duplicate_of IS NULL
              AND NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = s.sku AND\s""" + MatchSql.PRODUCT_TENANT + ")";
    /** Lines of a transaction the tenant imported before, as {@link #UNKNOWN_CUSTOMERS}. */
    static final String KNOWN_TRANSACTIONS = """
            SELECT s.row_number, 'transaction ' || s.transaction_ref || ' was imported before' AS message, %s AS raw
            FROM staging_purchases s
            WHERE s.job_id = :job AND s.duplicate_of IS NULL
              AND EXISTS (SELECT 1 FROM purchases p WHERE p.merchant = coalesce(s.merchant, '')
                          AND p.transaction_ref = s.transaction_ref AND p.tenant = """ + MatchSql.LOOKUP_TENANT + ")";

    private final JdbcClient jdbc;

    public PurchaseRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the checks found. {@code problems} summarize them for the job's failure reason. */
    public record Findings(long refusedLines, long alignedTransactions, List<String> problems) {
    }

    public Findings check(UUID jobId, String tenant, boolean failOnKnownTransactions) {
        List<String> problems = new ArrayList<>();
        long aligned = alignTimes(jobId);
        long refused = 0;
        refused += record(jobId, "customer_ref", "INCONSISTENT_CUSTOMER", """
                SELECT s.row_number, 'transaction ' || s.transaction_ref || ' names customer '
                       || coalesce(s.customer_ref, '(none)') || ' but its first line names '
                       || coalesce(f.customer_ref, '(none)') AS message, %s AS raw
                FROM staging_purchases s
                JOIN (SELECT DISTINCT ON (match_key) match_key, customer_ref FROM staging_purchases
                      WHERE job_id = :job AND duplicate_of IS NULL ORDER BY match_key, row_number) f
                  ON f.match_key = s.match_key
                WHERE s.job_id = :job AND s.duplicate_of IS NULL
                  AND s.customer_ref IS DISTINCT FROM f.customer_ref""", problems, "lines disagree on their customer");
        refused += record(jobId, "customer_ref", "UNKNOWN_CUSTOMER", UNKNOWN_CUSTOMERS,
                tenant, problems, "unknown customers", "customer_ref");
        refused += record(jobId, "sku", "UNKNOWN_SKU", UNKNOWN_SKUS,
                tenant, problems, "unknown skus", "sku");
        if (failOnKnownTransactions) {
            refused += record(jobId, "transaction_ref", "DUPLICATE_TRANSACTION", KNOWN_TRANSACTIONS,
                    tenant, problems, "transactions imported before", "transaction_ref");
        }
        return new Findings(refused, aligned, problems);
    }

    /** Drops every line of each transaction that has a refused line (a purchase is never imported in part). */
    public long dropRefusedTransactions(UUID jobId) {
        return jdbc.sql("""
                        WITH refused AS (
                            SELECT DISTINCT s.match_key FROM staging_purchases s
                            JOIN import_row_errors e ON e.job_id = s.job_id AND e.row_number = s.row_number
                            WHERE s.job_id = :job AND e.code IN ('INCONSISTENT_CUSTOMER', 'UNKNOWN_CUSTOMER', 'UNKNOWN_SKU',
                                                                'DUPLICATE_TRANSACTION')
                        )
                        DELETE FROM staging_purchases s USING refused r
                        WHERE s.job_id = :job AND s.match_key = r.match_key""")
                .param("job", jobId).update();
    }

    /** Lines of one transaction stamped a minute apart: the transaction takes the earliest time. */
    private long alignTimes(UUID jobId) {
        return jdbc.sql("""
                        WITH earliest AS (
                            SELECT match_key, min(purchased_at) AS at FROM staging_purchases
                            WHERE job_id = :job AND duplicate_of IS NULL GROUP BY match_key
                            HAVING count(DISTINCT purchased_at) > 1
                        ), aligned AS (
                            UPDATE staging_purchases s SET purchased_at = e.at FROM earliest e
                            WHERE s.job_id = :job AND s.match_key = e.match_key AND s.purchased_at IS DISTINCT FROM e.at
                            RETURNING s.match_key
                        )
                        SELECT count(DISTINCT match_key) FROM aligned""")
                .param("job", jobId).query(Long.class).single();
    }

    private long record(UUID jobId, String column, String code, String select, List<String> problems, String what) {
        return record(jobId, column, code, select, null, problems, what, null);
    }

    private long record(UUID jobId, String column, String code, String select, String tenant, List<String> problems,
                        String what, String listed) {
        String sql = "WITH found AS (" + select.formatted(StagingTable.RAW_VALUES) + "), noted AS ("
                + " INSERT INTO import_row_errors (job_id, row_number, column_name, code, message, raw_record)"
                + " SELECT :job, row_number, '" + column + "', '" + code + "', message, raw FROM found RETURNING 1)"
                + " SELECT count(*) FROM noted";
        var statement = jdbc.sql(sql).param("job", jobId);
        if (tenant != null) {
            statement = statement.param("tenant", tenant);
        }
        long lines = statement.query(Long.class).single();
        if (lines > 0) {
            problems.add(describe(jobId, code, what, listed, lines));
        }
        return lines;
    }

    /** "3 lines name unknown skus: 85123A, 71053, ..." with the distinct values (the first 20). */
    private String describe(UUID jobId, String code, String what, String listed, long lines) {
        if (listed == null) {
            return lines + " line(s): " + what;
        }
        List<String> values = jdbc.sql("SELECT DISTINCT s." + listed + " FROM " + STAGING + " s JOIN import_row_errors e"
                        + " ON e.job_id = s.job_id AND e.row_number = s.row_number AND e.code = :code"
                        + " WHERE s.job_id = :job ORDER BY 1 LIMIT 21")
                .param("job", jobId).param("code", code).query(String.class).list();
        String shown = String.join(", ", values.size() > 20 ? values.subList(0, 20) : values)
                + (values.size() > 20 ? ", ..." : "");
        return lines + " line(s) with " + what + ": " + shown;
    }
}
