-- Apply while ingesting (issue 16, part 1): a job's batches are released as soon as the rows before them are
-- staged and checked, so they apply while the rest of the file is still being read.
--   still_reading  the job left INGESTING for APPLYING with its file not yet read to the end: the last batch
--                  applied does not end it; the end of the read does, or the last batch after it.
--   released_rows  the rows (a whole number of batches) whose batches exist: the next release starts after them.
-- (V18 to V21 are taken by work on other branches.)
ALTER TABLE import_jobs ADD COLUMN still_reading boolean NOT NULL DEFAULT false;
ALTER TABLE import_jobs ADD COLUMN released_rows bigint NOT NULL DEFAULT 0;

-- Every match key a job's released rows hold, with the first row that held it. A batch's staged rows are
-- deleted once applied, so a later row's in-file duplicate (the first occurrence wins) is found here:
-- key_type 0 = match_key; for products 1 = sku, 2 = barcode, 3 = name + brand. Deleted when the read ends.
CREATE TABLE staging_keys (
    job_id    uuid     NOT NULL,
    key_type  smallint NOT NULL,
    key       text     NOT NULL,
    first_row bigint   NOT NULL,
    PRIMARY KEY (job_id, key_type, key)
);
