-- Resumable multipart uploads (issue 16): a file above the threshold is uploaded in parts straight to S3. The
-- job keeps S3's upload id and the part size it was planned with, so listing, presigning, completing and
-- aborting the upload work from any instance and after any restart; upload_completed_at is set once S3 has
-- assembled the object (the start refuses a multipart job without it). All null for a single presigned PUT.
ALTER TABLE import_jobs
    ADD COLUMN upload_id           text,
    ADD COLUMN upload_part_size    bigint,
    ADD COLUMN upload_completed_at timestamptz;
