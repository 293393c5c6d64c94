-- Priority and fairness (issue 16, docs/architecture.md "Priority and fairness").
-- A job's priority chooses the work lane its messages travel in; kept on the job so that work sent again
-- (a resume, a retry, the sweeper) keeps its lane.
ALTER TABLE import_jobs ADD COLUMN priority text NOT NULL DEFAULT 'normal'
    CHECK (priority IN ('high', 'normal', 'low'));
-- An IMPORT_JOB_STARTED that found its tenant's ingest slots taken: consumed, and sent again when one frees.
ALTER TABLE import_jobs ADD COLUMN ingest_waiting boolean NOT NULL DEFAULT false;

-- A batch is announced (its IMPORT_BATCH_READY written) only while its tenant has fewer than the window's
-- batches announced and still pending: NULL = waiting for its tenant's turn. Batches pending before this
-- migration were announced already. announce_resent: what the announcement says (resent or not) when it goes.
ALTER TABLE import_batches ADD COLUMN announced_at timestamptz;
ALTER TABLE import_batches ADD COLUMN announce_resent boolean NOT NULL DEFAULT false;
UPDATE import_batches SET announced_at = updated_at WHERE status = 'PENDING';

-- The fair share's reads: a tenant's jobs that are ingesting, waiting to ingest or applying (their pending
-- batches are found by import_batches_pending, V4).
CREATE INDEX import_jobs_tenant_active ON import_jobs (tenant, status)
    WHERE status IN ('APPLYING', 'CANCELLING', 'INGESTING', 'PENDING');
