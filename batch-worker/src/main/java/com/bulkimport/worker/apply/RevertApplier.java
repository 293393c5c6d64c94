package com.bulkimport.worker.apply;

import com.bulkimport.engine.outbox.RecordEvents;
import com.bulkimport.engine.revert.RevertSql;
import com.bulkimport.model.ImportKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One batch of a revert job (docs/architecture.md, "Reverting an import"): its {@code revert_items}, each one
 * change the reverted import made. Two statements, each set-based over the batch: the records are locked (by id,
 * {@code FOR UPDATE}), so no import changes them between the judgement and the change; then one statement judges
 * each change ({@link RevertSql#classify}) on the records as they are now and, together, deletes the records to
 * delete, gives the records to restore their values before the import, writes a row error per conflict (the
 * revert's error report), marks the undone changes reverted and announces each record deleted or restored. A
 * reviews revert then recomputes the aggregates of the restaurants the reviews pointed at.
 */
@Component
class RevertApplier {

    /** Never restored: who the record is, when it came, and what other records derive. */
    private static final List<String> KEPT = List.of("id", "tenant", "created_by_job", "created_at", "review_count",
            "average_rating");

    private final JdbcClient jdbc;
    private final String eventSource;
    private final Map<String, String> sqlByShape = new ConcurrentHashMap<>();

    RevertApplier(JdbcClient jdbc, com.bulkimport.engine.EventsProperties events) {
        this.jdbc = jdbc;
        this.eventSource = events.source();
    }

    ApplyCounts apply(BatchScope batch, ImportKind kind, UUID target) {
        String table = RevertSql.table(kind);
        jdbc.sql("""
                        SELECT count(*) FROM (
                            SELECT t.id FROM %s t WHERE t.id IN (
                                SELECT h.record_id FROM revert_items i JOIN record_history h ON h.id = i.history_id
                                WHERE i.job_id = :job AND i.batch_seq = :seq)
                            ORDER BY t.id FOR UPDATE OF t) locked""".formatted(table))
                .param("job", batch.jobId()).param("seq", batch.seq())
                .query(Long.class).single();
        boolean perRecord = RecordEvents.perRecord(batch.events());
        String sql = sqlByShape.computeIfAbsent(kind + "/" + perRecord, shape -> revertSql(kind, perRecord));
        Reverted reverted = batch.bind(jdbc.sql(sql), eventSource).param("target", target)
                .query((rs, n) -> new Reverted(rs.getLong("deleted"), rs.getLong("restored"), rs.getLong("gone"),
                        rs.getLong("conflicts"), kind == ImportKind.REVIEWS ? rs.getString("restaurants") : null))
                .single();
        if (kind == ImportKind.REVIEWS && reverted.deleted() + reverted.restored() > 0) {
            ReviewApplier.recomputeAfterRevert(jdbc, reverted.restaurants());
        }
        return new ApplyCounts(0, reverted.restored(), reverted.gone(), reverted.conflicts(), 0, 0, List.of(), List.of(),
                reverted.deleted());
    }

    private record Reverted(long deleted, long restored, long gone, long conflicts, String restaurants) {
    }

    private String revertSql(ImportKind kind, boolean perRecord) {
        String table = RevertSql.table(kind);
        List<String> restored = columns(table);
        // a column added after the change was recorded keeps its value (a JSON null is a value: it goes back)
        String assignments = restored.stream()
                .map(c -> c + " = CASE WHEN x.before -> '" + c + "' IS NOT NULL THEN r." + c + " ELSE t." + c + " END")
                .collect(Collectors.joining(", "));
        String changes = """
                SELECT i.row_number, h.id, h.record_id, h.op, h.before
                FROM revert_items i JOIN record_history h ON h.id = i.history_id
                WHERE i.job_id = :job AND i.batch_seq = :seq""";
        String events = !perRecord ? "" : """
                , deleted_events AS (%s)
                , restored_events AS (%s)""".formatted(RecordEvents.insertDeletedFrom(kind, "gone"),
                RecordEvents.insertFrom(kind, "(SELECT id, false AS created, row_number, after, before FROM restored)"));
        String restaurants = kind != ImportKind.REVIEWS ? "" : """
                , (SELECT coalesce(array_agg(DISTINCT rid), '{}')::text FROM (
                       SELECT (before ->> 'restaurant_id')::bigint AS rid FROM gone
                       UNION ALL SELECT (before ->> 'restaurant_id')::bigint FROM restored
                       UNION ALL SELECT (after ->> 'restaurant_id')::bigint FROM restored) z
                   WHERE rid IS NOT NULL) AS restaurants""";
        return """
                WITH x AS MATERIALIZED (%1$s
                ), gone AS (
                    DELETE FROM %2$s t USING x WHERE t.id = x.record_id AND x.outcome = 'DELETE'
                    RETURNING t.id, x.row_number, x.current AS before
                ), restored AS (
                    UPDATE %2$s t SET %3$s
                    FROM x CROSS JOIN LATERAL jsonb_populate_record(NULL::%2$s, x.before) r
                    WHERE t.id = x.record_id AND x.outcome = 'RESTORE'
                    RETURNING t.id, x.row_number, to_jsonb(t) AS after, x.current AS before
                ), conflicts AS (
                    INSERT INTO import_row_errors (job_id, row_number, column_name, code, message, raw_record)
                    SELECT :job, x.row_number, NULL, 'REVERT_' || x.outcome, %4$s,
                           jsonb_build_object('record_id', x.record_id::text, 'changed_by', x.changed_by::text)
                    FROM x WHERE x.outcome NOT IN ('DELETE', 'RESTORE', 'GONE')
                    RETURNING 1
                ), marked AS (
                    UPDATE record_history h SET reverted_by = :job FROM x
                    WHERE h.job_id = CAST(:target AS uuid) AND h.record_id = x.record_id AND h.reverted_by IS NULL
                      AND x.outcome IN ('DELETE', 'RESTORE', 'GONE')
                    RETURNING 1
                )%5$s
                SELECT (SELECT count(*) FROM gone) AS deleted, (SELECT count(*) FROM restored) AS restored,
                       (SELECT count(*) FROM x WHERE outcome = 'GONE') AS gone,
                       (SELECT count(*) FROM conflicts) AS conflicts%6$s""".formatted(
                RevertSql.classify(kind, changes), table, assignments, RevertSql.conflictMessage(kind), events,
                restaurants);
    }

    /** The table's columns a restore writes back: all it has, but for {@link #KEPT}. */
    private List<String> columns(String table) {
        return jdbc.sql("""
                        SELECT column_name FROM information_schema.columns
                        WHERE table_schema = current_schema() AND table_name = :table AND is_generated = 'NEVER'
                        ORDER BY ordinal_position""")
                .param("table", table).query(String.class).list().stream()
                .filter(c -> !KEPT.contains(c)).toList();
    }
}
