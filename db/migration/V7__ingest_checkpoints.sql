-- Ingest commits in chunks: where it stopped (row, byte offset, line), the file's format so a resume
-- reads it the same way, and a lease so only one worker ingests a job at a time.
ALTER TABLE import_jobs
    ADD COLUMN ingest_line        bigint  NOT NULL DEFAULT 1,
    ADD COLUMN ingest_worker      text,
    ADD COLUMN ingest_lease_until timestamptz,
    ADD COLUMN file_gzip          boolean,
    ADD COLUMN file_bom           integer,
    ADD COLUMN encoding_forced    boolean NOT NULL DEFAULT false;
