-- The review step of a dry run (docs/architecture.md, "Review and corrections"): while a job is PREVIEW_READY its
-- owner may fix refused rows without uploading again. Each request's operations are kept here, in order, as the
-- durable record of what was changed and by whom; the staged rows and row errors hold their effect.
CREATE TABLE import_corrections (
    id          bigserial PRIMARY KEY,
    job_id      uuid        NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    op          text        NOT NULL CHECK (op IN ('SET_CELL', 'COLUMN_DEFAULT', 'SKIP_ROWS_WITH_ERRORS', 'SKIP_ROWS')),
    row_number  bigint,
    column_name text,
    value       text,
    rows        bigint[],
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX import_corrections_job ON import_corrections (job_id, id);

-- A row its owner chose to leave out at review: its row errors stay (the error report still lists it) but it no
-- longer counts as an error of the job; the job counts it in skipped_count.
ALTER TABLE import_row_errors ADD COLUMN skipped boolean NOT NULL DEFAULT false;
ALTER TABLE import_jobs ADD COLUMN skipped_count bigint NOT NULL DEFAULT 0;
