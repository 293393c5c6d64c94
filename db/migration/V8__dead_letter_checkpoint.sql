-- The checkpoint when the ingest's message last reached the dead-letter queue: an ingest that moved on
-- since is not poison (its workers died), so its message goes back to work instead of failing the job.
ALTER TABLE import_jobs ADD COLUMN dead_letter_row bigint;
