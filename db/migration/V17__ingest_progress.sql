-- Progress from the first byte (issue 16): how much of the stored file the ingest has read (its compressed
-- bytes, for gzip), committed with each chunk's checkpoint. The API turns it into the reading phase's
-- percentage, the estimated total rows and the ETA. (V15 and V16 are taken by work on other branches.)
ALTER TABLE import_jobs ADD COLUMN ingest_file_bytes bigint NOT NULL DEFAULT 0;
