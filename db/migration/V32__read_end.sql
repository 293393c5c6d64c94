-- When a job's read ended, and how many rows it had processed by then (issue 16, part 2: the ETA). A job whose
-- batches apply while its file is read shares the processors with its own read; once the read is over the apply
-- speeds up (at a million product rows with every record announced, from 4,700 to 8,300 rows/s). How much it
-- gains per row of read that stops, measured on the deployment's finished jobs, tells the ETA of the next one
-- when its apply will speed up (import-api's ApplyRates.readWeight). Null for jobs read before applying.
ALTER TABLE import_jobs ADD COLUMN read_ended_at timestamptz;
ALTER TABLE import_jobs ADD COLUMN read_end_processed_rows bigint;
