package com.bulkimport.worker.apply;

import com.bulkimport.model.ImportKind;
import com.bulkimport.worker.staging.StagingTable;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;
import java.util.stream.Collectors;

/**
 * For kinds matched by one key column ({@code match_key}, unique per tenant): one statement inserts
 * new rows and updates changed ones ({@code ON CONFLICT ... DO UPDATE ... WHERE ... IS DISTINCT FROM}),
 * leaving identical rows untouched. Rows go in key order, so concurrent batches of different jobs
 * lock rows in the same order and cannot deadlock.
 */
class KeyedUpsertApplier implements BatchApplier {

    private final ImportKind kind;
    private final String sql;
    private final JdbcClient jdbc;

    KeyedUpsertApplier(ImportKind kind, String domainTable, JdbcClient jdbc) {
        this.kind = kind;
        this.jdbc = jdbc;
        StagingTable staging = StagingTable.of(kind);
        String fields = staging.fieldList();
        String updates = staging.fields().stream().map(f -> f + " = EXCLUDED." + f).collect(Collectors.joining(", "));
        String current = staging.fields().stream().map(f -> "t." + f).collect(Collectors.joining(", "));
        String incoming = staging.fields().stream().map(f -> "EXCLUDED." + f).collect(Collectors.joining(", "));
        this.sql = """
                WITH src AS (
                    SELECT match_key, %1$s FROM %2$s
                    WHERE job_id = :job AND row_number BETWEEN :first AND :last AND duplicate_of IS NULL
                ), up AS (
                    INSERT INTO %3$s AS t (tenant, match_key, %1$s, created_by_job, updated_by_job)
                    SELECT :tenant, match_key, %1$s, :job, :job FROM src ORDER BY match_key
                    ON CONFLICT (tenant, match_key) DO UPDATE SET %4$s, updated_by_job = EXCLUDED.updated_by_job,
                        updated_at = now()
                    WHERE (%5$s) IS DISTINCT FROM (%6$s)
                    RETURNING (xmax = 0) AS inserted
                )
                SELECT (SELECT count(*) FROM src) AS eligible,
                       count(*) FILTER (WHERE inserted) AS created,
                       count(*) FILTER (WHERE NOT inserted) AS updated
                FROM up""".formatted(fields, staging.name(), domainTable, updates, current, incoming);
    }

    @Override
    public ImportKind kind() {
        return kind;
    }

    @Override
    public ApplyCounts apply(UUID jobId, String tenant, long firstRow, long lastRow) {
        return jdbc.sql(sql).param("job", jobId).param("tenant", tenant).param("first", firstRow).param("last", lastRow)
                .query((rs, n) -> {
                    long eligible = rs.getLong("eligible");
                    long created = rs.getLong("created");
                    long updated = rs.getLong("updated");
                    return new ApplyCounts(created, updated, eligible - created - updated);
                })
                .single();
    }
}
