-- The rate and ETA of a job count from apply_started_at. A retry applies again from that moment, but
-- processed_rows keeps what earlier attempts (and the ingest's refused rows) already counted, so the
-- rate over all of them was too high and the ETA too soon. apply_base_rows is processed_rows at the
-- moment apply (re)started: the rate is (processed_rows - apply_base_rows) / time since then.
ALTER TABLE import_jobs ADD COLUMN apply_base_rows bigint NOT NULL DEFAULT 0;
