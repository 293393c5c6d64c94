package com.bulkimport.engine.revert;

import com.bulkimport.engine.batch.Batch;
import com.bulkimport.engine.batch.Batches;
import com.bulkimport.engine.job.IngestOutcome;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.job.JobRef;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.JobStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Starting a revert and previewing one (docs/architecture.md, "Reverting an import"). A revert is a job of the
 * reverted import's kind, owner and tenant with {@code reverts_job_id} set: created INGESTING, its work planned
 * at once from the import's record history (one {@code revert_items} row per change to undo, in batches), and
 * released as a file's batches are, in the caller's transaction. From there it is a job like any other: the
 * worker applies its batches, with progress, pause, cancel and the usual job events.
 */
public final class Reverts {

    /** The statuses of an import that may be reverted: it ran to its end (a cancelled one: what it applied). */
    private static final Set<JobStatus> REVERTIBLE = EnumSet.of(JobStatus.COMPLETED, JobStatus.COMPLETED_WITH_ERRORS,
            JobStatus.CANCELLED);

    private static final String TARGET = "SELECT kind, mode, status, reverts_job_id, EXISTS (SELECT 1 FROM record_history h"
            + " WHERE h.job_id = j.id) AS changed_any FROM import_jobs j WHERE id = :id";

    private final JdbcClient jdbc;
    private final JobLifecycle lifecycle;
    private final Batches batches;

    public Reverts(JdbcClient jdbc, JobLifecycle lifecycle, Batches batches) {
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.batches = batches;
    }

    /** The import as a revert judges it. */
    private record Target(ImportKind kind, ImportMode mode, JobStatus status, UUID revertsJobId, boolean changedAny) {
    }

    /**
     * Creates and releases the revert of {@code target} (which the caller has checked its user may see), in the
     * caller's transaction. The target's row is locked first, so two reverts of one import never both start.
     *
     * @param revertId  the new job's id
     * @param batchSize changes per batch
     * @return the revert job
     * @throws RevertRefused when the import cannot be reverted now
     */
    public JobRef start(UUID revertId, UUID target, String traceId, int batchSize) {
        Target job = lockTarget(target);
        refuseUnrevertible(job);
        Long running = jdbc.sql("""
                        SELECT count(*) FROM import_jobs
                        WHERE reverts_job_id = :target AND status NOT IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'CANCELLED')""")
                .param("target", target).query(Long.class).single();
        if (running > 0) {
            throw new RevertRefused("revert-in-progress", "a revert of this import has not finished yet (a failed one"
                    + " can be retried or cancelled)");
        }
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, options, trace_id,
                                                 started_at, reverts_job_id)
                        SELECT :id, owner, tenant, kind, 'COMMIT', 'INGESTING',
                               left('revert of ' || coalesce(file_name, id::text), 255),
                               jsonb_strip_nulls(jsonb_build_object('events', options -> 'events')), :trace, now(), id
                        FROM import_jobs WHERE id = :target""")
                .param("id", revertId).param("trace", traceId).param("target", target).update();
        JobRef revert = jdbc.sql("SELECT owner, tenant, options::text FROM import_jobs WHERE id = :id")
                .param("id", revertId)
                .query((rs, n) -> new JobRef(revertId, rs.getString(1), rs.getString(2), job.kind(), ImportMode.COMMIT,
                        traceId, ImportOptions.fromJson(rs.getString(3))))
                .single();
        long changes = plan(revertId, target, batchSize);
        if (changes == 0) {
            throw new RevertRefused("nothing-to-revert", "nothing of this import is left to revert: it changed nothing,"
                    + " was reverted already, or its record history expired or was not kept");
        }
        lifecycle.created(revert, "revert of " + target, (int) Math.min(changes, Integer.MAX_VALUE));
        List<Batch> released = batches.insertFromItems(revertId, "revert_items");
        // the error report's own columns: each conflict's record and the import that changed it since
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        columns.put("record_id", "record_id");
        columns.put("changed_by", "changed_by");
        lifecycle.release(revert, new IngestOutcome(changes, 0, 0, false, null, null, List.of(), List.of(),
                List.copyOf(columns.keySet()), columns), released);
        return revert;
    }

    /** What reverting {@code target} would do now; nothing is changed. */
    public RevertPreview preview(UUID target) {
        Target job = jdbc.sql(TARGET)
                .param("id", target).query(Reverts::target).single();
        refuseUnrevertible(job);
        String classified = RevertSql.classify(job.kind(), RevertSql.changesToRevert());
        Map<String, Long> byOutcome = new java.util.HashMap<>();
        jdbc.sql("SELECT outcome, count(*) FROM (" + classified + ") x GROUP BY outcome")
                .param("target", target)
                .query((rs, n) -> byOutcome.put(rs.getString(1), rs.getLong(2)))
                .list();
        long changes = byOutcome.values().stream().mapToLong(Long::longValue).sum();
        long delete = byOutcome.getOrDefault(RevertSql.DELETE, 0L);
        long restore = byOutcome.getOrDefault(RevertSql.RESTORE, 0L);
        long gone = byOutcome.getOrDefault(RevertSql.GONE, 0L);
        List<RevertPreview.Example> examples = jdbc.sql("""
                        SELECT x.record_id, x.outcome,
                               CASE WHEN x.outcome IN ('DELETE', 'RESTORE', 'GONE') THEN NULL ELSE %s END AS message
                        FROM (%s) x WHERE x.outcome <> 'GONE'
                        ORDER BY x.outcome IN ('DELETE', 'RESTORE'), x.id LIMIT 20""".formatted(
                        RevertSql.conflictMessage(job.kind()), classified))
                .param("target", target)
                .query((rs, n) -> new RevertPreview.Example(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
        return new RevertPreview(changes, delete, restore, gone, changes - delete - restore - gone, examples);
    }

    /** One {@code revert_items} row per change to undo, in the order the import made them, cut into batches. */
    private long plan(UUID revertId, UUID target, int batchSize) {
        return jdbc.sql("""
                        INSERT INTO revert_items (job_id, row_number, batch_seq, history_id)
                        SELECT :job, n, ((n - 1) / :size)::int, id
                        FROM (SELECT c.id, row_number() OVER (ORDER BY c.id) AS n FROM (%s) c) numbered""".formatted(
                        RevertSql.changesToRevert()))
                .param("job", revertId).param("target", target).param("size", Math.max(1, batchSize))
                .update();
    }

    private Target lockTarget(UUID target) {
        return jdbc.sql(TARGET + " FOR UPDATE OF j")
                .param("id", target).query(Reverts::target).single();
    }

    private static Target target(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Target(ImportKind.fromWireName(rs.getString("kind")).orElseThrow(),
                ImportMode.valueOf(rs.getString("mode")), JobStatus.valueOf(rs.getString("status")),
                rs.getObject("reverts_job_id", UUID.class), rs.getBoolean("changed_any"));
    }

    private static void refuseUnrevertible(Target job) {
        if (job.revertsJobId() != null) {
            throw new RevertRefused("not-revertible", "this job is itself a revert; import the data again instead");
        }
        if (job.mode() == ImportMode.DRY_RUN && !job.changedAny()) {
            // a confirmed preview applied its rows and is reverted as any import; one never confirmed changed nothing
            throw new RevertRefused("not-revertible", "a dry run that was never confirmed changed nothing");
        }
        if (!REVERTIBLE.contains(job.status())) {
            throw new RevertRefused("not-revertible", "the import is " + job.status()
                    + "; only a completed or cancelled import can be reverted");
        }
    }
}
