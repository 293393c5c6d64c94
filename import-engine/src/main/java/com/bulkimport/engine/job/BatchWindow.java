package com.bulkimport.engine.job;

import com.bulkimport.engine.batch.Batch;
import com.bulkimport.engine.outbox.OutboxWriter;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.Priority;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each tenant's fair share of the work queue (docs/architecture.md, "Priority and fairness"). A queue is first in,
 * first out: a tenant whose five big imports released a thousand batches would keep another tenant's one batch
 * waiting behind all of them. So a tenant has at most {@code window} batches announced (an IMPORT_BATCH_READY
 * written) and not yet applied; the rest wait in the database ({@code import_batches.announced_at} null). Whenever
 * one of its batches leaves PENDING (applied, skipped) or its jobs change, {@link #refill} announces the next ones,
 * round-robin over the tenant's jobs: the job with the fewest batches in flight first, then priority, then the
 * one served least recently. The queue then holds at most {@code window} batches per tenant, and a tenant that
 * comes later waits behind at most that many of each other tenant's.
 *
 * <p>A message still names its batch, and the batch's row lock, its status and the inbox keep applying it exactly
 * once as before. A refill runs under the tenant's advisory lock, taken last in its transaction (it then waits for
 * no row): two refills of a tenant never both count the same free slot, and one that waits sees what the other
 * committed, so no batch is left waiting with nothing of its tenant in flight. Each refill counts the batches in
 * flight afresh, so a batch announced twice (the sweeper) costs a slot only until it is applied.
 *
 * <p>With {@code window} 0 every batch is announced at once (the behaviour before the window existed).
 */
public final class BatchWindow {

    private static final String PRIORITY_RANK = "CASE j.priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END";

    private final JdbcClient jdbc;
    private final JobEvents events;
    private final int window;

    /** @param window batches a tenant may have announced and pending at once; 0: no limit */
    public BatchWindow(JdbcClient jdbc, OutboxWriter outbox, String eventSource, int window) {
        this.jdbc = jdbc;
        this.events = new JobEvents(outbox, eventSource);
        this.window = Math.max(0, window);
    }

    /** No window: every batch announced at once. */
    public static BatchWindow unlimited(JdbcClient jdbc, OutboxWriter outbox, String eventSource) {
        return new BatchWindow(jdbc, outbox, eventSource, 0);
    }

    public int window() {
        return window;
    }

    /**
     * These batches of the job are to be announced ({@code resent} says whether their event counts as sent
     * again): at once without a window, else when the tenant's turn comes.
     */
    void offer(JobRef job, List<Batch> batches, boolean resent) {
        if (batches.isEmpty()) {
            refill(job.tenant());
            return;
        }
        List<UUID> ids = batches.stream().map(Batch::id).toList();
        if (window == 0) {
            jdbc.sql("UPDATE import_batches SET announced_at = clock_timestamp() WHERE id IN (:ids)")
                    .param("ids", ids).update();
            events.batchesReady(job, batches, resent);
            return;
        }
        jdbc.sql("UPDATE import_batches SET announced_at = NULL, announce_resent = :resent WHERE id IN (:ids)")
                .param("resent", resent).param("ids", ids).update();
        refill(job.tenant());
    }

    /**
     * Announces the tenant's waiting batches while it has free slots. Call it last in a transaction that may
     * have freed a slot or made batches announceable: it takes the tenant's lock until the commit.
     *
     * @return the batches announced
     */
    public int refill(String tenant) {
        if (window == 0) {
            return 0;
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", "batch-window:" + tenant)
                .query((rs, n) -> 1).list();
        List<Announced> chosen = jdbc.sql("""
                        WITH active AS (
                            SELECT j.id, j.created_at, %s AS rank FROM import_jobs j
                            WHERE j.tenant = :tenant AND j.status IN ('APPLYING', 'CANCELLING')
                        ), pending AS (
                            SELECT b.id, b.job_id, b.seq, b.announced_at FROM import_batches b
                            JOIN active a ON a.id = b.job_id WHERE b.status = 'PENDING'
                        ), per_job AS (
                            SELECT a.id, a.created_at, a.rank,
                                   count(p.id) FILTER (WHERE p.announced_at IS NOT NULL) AS in_flight,
                                   (SELECT max(x.announced_at) FROM import_batches x WHERE x.job_id = a.id) AS served
                            FROM active a LEFT JOIN pending p ON p.job_id = a.id
                            GROUP BY a.id, a.created_at, a.rank
                        ), waiting AS (
                            SELECT p.id, j.in_flight + row_number() OVER (PARTITION BY p.job_id ORDER BY p.seq) AS turn,
                                   j.rank, j.served, j.created_at, p.job_id, p.seq
                            FROM pending p JOIN per_job j ON j.id = p.job_id WHERE p.announced_at IS NULL
                        ), chosen AS (
                            SELECT id FROM waiting
                            ORDER BY turn, rank, served NULLS FIRST, created_at, job_id, seq
                            LIMIT greatest(0, :window - (SELECT coalesce(sum(in_flight), 0) FROM per_job))
                        ), free AS (
                            -- a batch another transaction holds (the sweeper sending it) is not waited for: the
                            -- tenant's lock is held here, and waiting under it could close a circle
                            SELECT b.id FROM import_batches b JOIN chosen c ON c.id = b.id FOR UPDATE OF b SKIP LOCKED
                        )
                        UPDATE import_batches b SET announced_at = clock_timestamp()
                        FROM free WHERE b.id = free.id AND b.status = 'PENDING' AND b.announced_at IS NULL
                        RETURNING b.id, b.job_id, b.seq, b.row_count, b.announce_resent""".formatted(
                        PRIORITY_RANK))
                .param("tenant", tenant).param("window", window)
                .query((rs, n) -> new Announced(rs.getObject("job_id", UUID.class),
                        new Batch(rs.getObject("id", UUID.class), rs.getInt("seq"), rs.getInt("row_count")),
                        rs.getBoolean("announce_resent")))
                .list();
        if (chosen.isEmpty()) {
            return 0;
        }
        Map<UUID, JobRef> jobs = refs(chosen.stream().map(Announced::jobId).distinct().toList());
        List<Announced> ordered = new ArrayList<>(chosen);
        ordered.sort(Comparator.comparing((Announced a) -> a.jobId().toString()).thenComparingInt(a -> a.batch().seq()));
        for (Announced announced : ordered) {
            events.batchesReady(jobs.get(announced.jobId()), List.of(announced.batch()), announced.resent());
        }
        return ordered.size();
    }

    private record Announced(UUID jobId, Batch batch, boolean resent) {
    }

    private Map<UUID, JobRef> refs(List<UUID> ids) {
        Map<UUID, JobRef> refs = new LinkedHashMap<>();
        jdbc.sql("SELECT id, owner, tenant, kind, mode, trace_id, options::text AS options, priority FROM import_jobs"
                        + " WHERE id IN (:ids)")
                .param("ids", ids)
                .query((rs, n) -> new JobRef(rs.getObject("id", UUID.class), rs.getString("owner"),
                        rs.getString("tenant"), ImportKind.fromWireName(rs.getString("kind")).orElseThrow(),
                        ImportMode.valueOf(rs.getString("mode")), rs.getString("trace_id"),
                        ImportOptions.fromJson(rs.getString("options")), Priority.ofWire(rs.getString("priority"))))
                .list().forEach(ref -> refs.put(ref.id(), ref));
        return refs;
    }
}
