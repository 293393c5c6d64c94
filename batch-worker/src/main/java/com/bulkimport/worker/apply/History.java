package com.bulkimport.worker.apply;

/**
 * The record history an apply statement writes for a later revert (docs/architecture.md, "Reverting an
 * import"): one {@code record_history} row per record the batch created or changed, with the record as it
 * was before (null for a creation). A CTE of the apply statement itself, so it is set-based and commits (or
 * rolls back) with the batch. The before-image is the record in the statement's snapshot, read by primary key:
 * every part of one statement sees the tables as they were before any of its own changes.
 */
final class History {

    private History() {
    }

    /**
     * @param table   the domain table
     * @param changes a query with the columns {@code id} (the record) and {@code created} (boolean), one row per
     *                record the statement created or changed
     * @return a {@code WITH} item ({@code , history AS (…)}) that binds {@code :tenant} and {@code :job}
     */
    static String capture(String table, String changes) {
        // the record before is read only for a change: as a join (LEFT JOIN … AND NOT c.created) each creation
        // probed the primary key too and threw the row away, 2 ms of a 35 ms batch of 1,000 new products
        return """
                , history AS (
                    INSERT INTO record_history (tenant, record_table, record_id, job_id, op, before)
                    SELECT :tenant, '%1$s', c.id, :job, CASE WHEN c.created THEN 'CREATED' ELSE 'UPDATED' END,
                           CASE WHEN NOT c.created THEN (SELECT to_jsonb(o) FROM %1$s o WHERE o.id = c.id) END
                    FROM (%2$s) c
                    RETURNING 1
                )""".formatted(table, changes);
    }
}
