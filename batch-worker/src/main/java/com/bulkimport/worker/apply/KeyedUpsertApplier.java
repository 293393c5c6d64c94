package com.bulkimport.worker.apply;

import com.bulkimport.engine.outbox.RecordEvents;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.model.EventDetail;
import com.bulkimport.model.ImportKind;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For kinds matched by one key ({@code match_key}, unique per tenant): restaurants, customers and,
 * with their restaurant reference, dishes and (inside {@link ReviewApplier}) reviews. One statement
 * inserts new rows and updates changed ones ({@code ON CONFLICT ... DO UPDATE ... WHERE ... IS DISTINCT
 * FROM}), leaving identical rows untouched; only the fields the file provides are written. Rows go in
 * key order, so concurrent batches of different jobs lock rows in the same order.
 */
class KeyedUpsertApplier implements BatchApplier {

    private final ImportKind kind;
    private final String domainTable;
    private final StagingTable staging;
    private final Reference reference;
    private final JdbcClient jdbc;
    private final String eventSource;
    private final boolean history;
    private final Map<Shape, String> sqlByShape = new ConcurrentHashMap<>();

    /** What an apply statement depends on: the fields the file provides and how the job announces changes. */
    private record Shape(List<String> fields, EventDetail events) {
    }

    /**
     * A parent record the rows point at (a dish's restaurant). Rows whose parent is missing are
     * refused with a row error before the upsert.
     *
     * @param column      the domain column holding the parent id
     * @param lookup      SQL giving the parent id for staging row {@code s}
     * @param field       the staging field naming the parent (for the error)
     * @param code        the row error code
     * @param description how the error names the parent, e.g. "restaurant with external_id"
     */
    record Reference(String column, String lookup, String field, String code, String description) {
    }

    /** @param history whether the apply statement records each change for a revert ({@link History}) */
    KeyedUpsertApplier(ImportKind kind, String domainTable, JdbcClient jdbc, Reference reference, String eventSource,
                       boolean history) {
        this.kind = kind;
        this.history = history;
        this.eventSource = eventSource;
        this.domainTable = domainTable;
        this.staging = StagingTable.of(kind);
        this.reference = reference;
        this.jdbc = jdbc;
    }

    @Override
    public ImportKind kind() {
        return kind;
    }

    /** The upsert statement for a batch's shape (package-private for the plan tests). */
    String statement(BatchScope batch) {
        return sqlByShape.computeIfAbsent(new Shape(batch.mappedFields(), batch.events()), this::upsertSql);
    }

    @Override
    public ApplyCounts apply(BatchScope batch) {
        long errors = reference == null ? 0 : refuseOrphans(batch);
        return batch.bind(jdbc.sql(statement(batch)), eventSource)
                .query((rs, n) -> {
                    long eligible = rs.getLong("eligible");
                    long created = rs.getLong("created");
                    long updated = rs.getLong("updated");
                    ApplyCounts counts = new ApplyCounts(created, updated, eligible - created - updated, errors, 0);
                    return batch.events() == EventDetail.SUMMARY
                            ? counts.withIds(Sql.ids(rs, "created_ids"), Sql.ids(rs, "updated_ids")) : counts;
                })
                .single();
    }

    /** Moves rows whose parent does not exist out of staging and into the row errors. */
    private long refuseOrphans(BatchScope batch) {
        return jdbc.sql("""
                        WITH orphans AS (
                            DELETE FROM %1$s s WHERE %2$s AND (%3$s) IS NULL
                            RETURNING s.row_number, s.%4$s AS parent, %7$s AS raw
                        ), recorded AS (
                            INSERT INTO import_row_errors (job_id, row_number, column_name, code, message, raw_record)
                            SELECT :job, row_number, '%4$s', '%5$s',
                                   'no %6$s ''' || parent || ''' exists; import it first', raw
                            FROM orphans
                            RETURNING 1
                        )
                        SELECT count(*) FROM recorded""".formatted(staging.name(), Sql.batchRows("s"),
                        reference.lookup(), reference.field(), reference.code(), reference.description(),
                        StagingTable.RAW_VALUES))
                .param("job", batch.jobId()).param("seq", batch.seq()).param("tenant", batch.tenant())
                .query(Long.class).single();
    }

    /**
     * One statement: the upsert, and (for a job that announces each record) the event of every row it
     * created or changed, with the record's values before the change read in the same snapshot.
     */
    private String upsertSql(Shape shape) {
        List<String> fields = shape.fields();
        boolean perRecord = RecordEvents.perRecord(shape.events());
        String refSelect = reference == null ? "" : ", (" + reference.lookup() + ") AS " + reference.column();
        String refColumn = reference == null ? "" : ", " + reference.column();
        String refUpdate = reference == null ? "" : ", " + reference.column() + " = EXCLUDED." + reference.column();
        // the file row and the record before the change, looked up rather than joined (Sql.lookup). The record
        // before is read by its id (the statement's snapshot holds it as it was), of the changed rows only: by
        // tenant and key, a planner that believed the tenant had no records (a new tenant beside a big one in the
        // statistics) probed customers_tenant_ref by tenant alone, a scan of all the tenant's records per row
        // (25 s a batch of 2,000 at 26,000 customers, ObjectStoreOutageIntegrationTest)
        String events = !perRecord ? "" : """
                , changed AS (
                    SELECT up.id, up.inserted AS created, (%1$s ->> up.match_key)::bigint AS row_number, up.after,
                           %2$s -> up.id::text AS before
                    FROM up
                ), events AS (%3$s)""".formatted(Sql.lookup("src", "src.match_key", "src.row_number"),
                Sql.lookup("up u CROSS JOIN LATERAL " + Sql.probe(domainTable + " t", "t", "t.id = u.id")
                        + " WHERE NOT u.inserted", "b.id::text", "b.j"),
                RecordEvents.insertFrom(kind, "changed"));
        if (history) {
            events += History.capture(domainTable, "SELECT id, inserted AS created FROM up");
        }
        String ids = shape.events() != EventDetail.SUMMARY ? ""
                : ", array_agg(id) FILTER (WHERE inserted) AS created_ids, array_agg(id) FILTER (WHERE NOT inserted) AS updated_ids";
        return """
                WITH src AS (
                    SELECT s.row_number, s.match_key, %1$s%2$s FROM %3$s s WHERE %4$s
                ), up AS (
                    INSERT INTO %5$s AS t (tenant, match_key, %6$s%7$s, created_by_job, updated_by_job)
                    SELECT :tenant, match_key, %6$s%7$s, :job, :job FROM src ORDER BY match_key
                    ON CONFLICT (tenant, match_key) DO UPDATE SET %8$s%9$s, updated_by_job = EXCLUDED.updated_by_job,
                        updated_at = now()
                    WHERE (%10$s) IS DISTINCT FROM (%11$s)
                    RETURNING t.id, t.match_key, (xmax = 0) AS inserted%12$s
                )%13$s
                SELECT (SELECT count(*) FROM src) AS eligible,
                       count(*) FILTER (WHERE inserted) AS created,
                       count(*) FILTER (WHERE NOT inserted) AS updated%14$s
                FROM up""".formatted(Sql.columns(fields, "s."), refSelect, staging.name(), Sql.batchRows("s"),
                domainTable, Sql.columns(fields, ""), refColumn, Sql.assignments(fields, "EXCLUDED."), refUpdate,
                Sql.columns(fields, "t."), Sql.columns(fields, "EXCLUDED."), perRecord ? ", to_jsonb(t) AS after" : "",
                events, ids);
    }
}
