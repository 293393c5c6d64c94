package com.bulkimport.worker.ingest;

import com.bulkimport.engine.FairnessProperties;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.job.LostWork;
import com.bulkimport.model.JobStatus;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

/**
 * Each tenant reads at most {@code ingests-per-tenant} files at once (docs/architecture.md, "Priority and
 * fairness"). Reading a big file holds a worker thread for its whole length: a tenant starting five big imports
 * would otherwise take every thread of a worker, and another tenant's small file would wait for all five. An
 * IMPORT_JOB_STARTED that finds its tenant's slots taken is consumed without effect: the job stays PENDING,
 * marked {@code ingest_waiting}, and when one of the tenant's ingests ends {@link #passOn} sends the next waiting
 * job's IMPORT_JOB_STARTED again ({@code resent}), high priority first, then the oldest. The count and the mark,
 * and the count and the pass, are made under the tenant's advisory lock, so a job is never marked waiting just
 * after the last ingest that would have passed its turn on looked. The sweeper leaves a waiting job alone while its
 * tenant has an ingest running, and sends it again otherwise (a pass lost with its worker).
 */
@Component
class IngestSlots {

    private static final Logger log = LoggerFactory.getLogger(IngestSlots.class);

    enum Begin {
        /** PENDING → INGESTING: read the file. */
        BEGUN,
        /** its tenant's slots are taken: it waits for its turn. */
        WAITING,
        /** the job left PENDING meanwhile (paused, cancelled). */
        MOVED_ON
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JobLifecycle lifecycle;
    private final LostWork lostWork;
    private final JobStore jobs;
    private final int limit;

    IngestSlots(JdbcClient jdbc, TransactionTemplate tx, JobLifecycle lifecycle, LostWork lostWork, JobStore jobs,
                FairnessProperties fairness) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.lifecycle = lifecycle;
        this.lostWork = lostWork;
        this.jobs = jobs;
        this.limit = fairness.ingestsPerTenant();
    }

    /** PENDING → INGESTING when the tenant has a free slot; else the job waits for one. */
    Begin begin(WorkerJob job) {
        return tx.execute(status -> {
            if (limit > 0) {
                lock(job.tenant());
                if (running(job.tenant(), job.id()) >= limit) {
                    boolean marked = jdbc.sql("UPDATE import_jobs SET ingest_waiting = true WHERE id = :id"
                            + " AND status = 'PENDING'").param("id", job.id()).update() == 1;
                    return marked ? Begin.WAITING : Begin.MOVED_ON;
                }
            }
            jdbc.sql("UPDATE import_jobs SET ingest_waiting = false WHERE id = :id AND ingest_waiting")
                    .param("id", job.id()).update();
            return lifecycle.beginIngest(job.id()) ? Begin.BEGUN : Begin.MOVED_ON;
        });
    }

    /** An ingest of the tenant ended (or stopped): its waiting jobs take the free slots. */
    void passOn(String tenant) {
        if (limit == 0) {
            return;
        }
        try {
            tx.executeWithoutResult(status -> {
                lock(tenant);
                long free = limit - running(tenant, null);
                if (free <= 0) {
                    return;
                }
                List<UUID> next = jdbc.sql("""
                                SELECT id FROM import_jobs
                                WHERE tenant = :tenant AND ingest_waiting AND status IN ('PENDING', 'CANCELLING')
                                ORDER BY CASE priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, created_at
                                LIMIT :free FOR UPDATE SKIP LOCKED""")
                        .param("tenant", tenant).param("free", free).query(UUID.class).list();
                for (UUID id : next) {
                    jdbc.sql("UPDATE import_jobs SET ingest_waiting = false, updated_at = now() WHERE id = :id")
                            .param("id", id).update();
                    WorkerJob job = jobs.find(id).orElseThrow();
                    lostWork.resendIngest(job.ref(), job.objectKey(), job.status());
                    log.info("job {} takes a free ingest slot of its tenant", id);
                }
            });
        } catch (RuntimeException e) {
            // the sweeper sends a waiting job again once its tenant has no ingest running
            log.warn("could not pass the ingest slot of tenant {} on: {}", tenant, e.toString());
        }
    }

    private void lock(String tenant) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", "ingest-slots:" + tenant)
                .query((rs, n) -> 1).list();
    }

    private long running(String tenant, UUID except) {
        // a file read while its first batches apply (APPLYING, still_reading) holds its thread as much as any
        return jdbc.sql("SELECT count(*) FROM import_jobs WHERE tenant = :tenant"
                        + " AND (status = :ingesting OR status = 'APPLYING' AND still_reading)"
                        + " AND id IS DISTINCT FROM :except")
                .param("tenant", tenant).param("ingesting", JobStatus.INGESTING.name()).param("except", except)
                .query(Long.class).single();
    }
}
