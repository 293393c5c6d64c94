-- Job control (dry run preview, cancel, retry), atomic jobs, dead letters, purchase items and refunds.

ALTER TABLE import_jobs
    ADD COLUMN preview      jsonb,
    ADD COLUMN atomic       boolean NOT NULL DEFAULT false,
    ADD COLUMN item_count   bigint  NOT NULL DEFAULT 0,
    ADD COLUMN attempt      integer NOT NULL DEFAULT 1,
    -- the latest failed attempt of the job's ingest, for the reason a dead-lettered job fails with
    ADD COLUMN last_error   text;

ALTER TABLE import_batches
    ADD COLUMN failed_at timestamptz,
    -- how often the stuck-work sweeper sent this batch again
    ADD COLUMN requeued  integer NOT NULL DEFAULT 0;

ALTER TABLE import_jobs ADD COLUMN requeued integer NOT NULL DEFAULT 0;
CREATE INDEX import_jobs_live ON import_jobs (status, updated_at)
    WHERE status IN ('AWAITING_UPLOAD', 'PENDING', 'INGESTING', 'PREVIEW_READY', 'APPLYING', 'CANCELLING');
CREATE INDEX import_batches_pending ON import_batches (job_id) WHERE status = 'PENDING';

-- Messages the work queue gave up on (after maxReceiveCount), kept for operators to read and redrive.
CREATE TABLE dead_letters (
    id            uuid PRIMARY KEY,
    message_id    text        NOT NULL UNIQUE,
    event_id      uuid,
    event_type    text,
    job_id        uuid,
    batch_id      uuid,
    body          text        NOT NULL,
    reason        text        NOT NULL,
    receive_count integer,
    received_at   timestamptz NOT NULL DEFAULT now(),
    redriven_at   timestamptz,
    redriven_by   text
);
CREATE INDEX dead_letters_open ON dead_letters (received_at) WHERE redriven_at IS NULL;

ALTER TABLE purchases ADD COLUMN is_refund boolean NOT NULL DEFAULT false;

-- A purchase file need not name its merchant (one per file, or none).
ALTER TABLE staging_purchases ALTER COLUMN merchant DROP NOT NULL;
ALTER TABLE purchases ALTER COLUMN merchant SET DEFAULT '';
