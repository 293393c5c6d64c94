package com.bulkimport.worker.apply;

import java.util.List;
import java.util.stream.Collectors;

/** Small helpers for the column lists the appliers build from a job's mapped fields. */
final class Sql {

    private Sql() {
    }

    static String columns(List<String> fields, String prefix) {
        return fields.stream().map(f -> prefix + f).collect(Collectors.joining(", "));
    }

    static String assignments(List<String> fields, String source) {
        return fields.stream().map(f -> f + " = " + source + f).collect(Collectors.joining(", "));
    }

    /** The ids in an array column of a result (null: none). */
    static List<Long> ids(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : java.util.Arrays.asList((Long[]) array.getArray());
    }

    /**
     * A value of one CTE's rows by key, for another CTE's rows to look up ({@code lookup ->> key}): a scalar subquery
     * that folds the rows into one {@code jsonb} object, which PostgreSQL runs once per statement (an InitPlan); each
     * look-up is a binary search of its keys. A join of two CTEs instead lets the planner choose a nested loop when it
     * believes each holds a row or so, as it does for every job whose staged rows the statistics have not seen yet
     * (a new job id): each row of one CTE then reads all of the other, a million row copies for a batch of 1,000 (at
     * 300,000 announced products, three quarters of PostgreSQL's time in the apply went there). Keys are unique in
     * {@code from}: of two rows with one key the last would win.
     *
     * @param from  a CTE (with an alias and a {@code WHERE} if need be)
     * @param key   an expression over its rows, as text
     * @param value an expression over its rows
     */
    static String lookup(String from, String key, String value) {
        return "(SELECT jsonb_object_agg(" + key + ", " + value + ") FROM " + from + ")";
    }

    /**
     * A record looked up by an index for each row of a CTE, as {@code b.id} and {@code b.j} (its {@code to_jsonb}), for
     * a {@code CROSS JOIN LATERAL}. The {@code LIMIT} keeps the subquery from being flattened into a join whose order
     * the planner would choose: believing the CTE a row, and the table's rows for the tenant few, it read the CTE once
     * per record of the tenant.
     *
     * @param table the table and its alias, e.g. {@code products p}
     * @param alias that alias
     * @param where the condition naming at most one record
     */
    static String probe(String table, String alias, String where) {
        return "(SELECT " + alias + ".id, to_jsonb(" + alias + ") AS j FROM " + table + " WHERE " + where + " LIMIT 1) b";
    }

    /** The staging rows of one batch that are not in-file duplicates, for {@code WHERE}. */
    static String batchRows(String alias) {
        return alias + ".job_id = :job AND " + alias + ".batch_seq = :seq AND " + alias + ".duplicate_of IS NULL";
    }
}
