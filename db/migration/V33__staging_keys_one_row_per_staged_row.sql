-- In-file duplicates while the file is still read (V22): a row per released staged row with all its keys, in
-- place of a row per key with the first row holding it. For products, a row's three keys (sku, barcode, name +
-- brand) went into the table as three tuples, each through a grouping and a speculative insert (ON CONFLICT DO
-- NOTHING): about a third of the database's work per imported row. Now one tuple and one index entry per key,
-- inserted plainly, and the marking takes the earliest row holding a key from the index (each index ends with the
-- row number, so that is one probe however often the key repeats).
--   record_key      the match key; for products the sku
--   barcode         products only
--   name_brand_key  products only
-- No primary key: a fourth index entry per row, for nothing the marking reads. The index on the record key holds
-- every row (nulls too), so a job's rows are found by it for their deletion.
-- Upgrade: stop the workers before this runs. A worker of the release before writes the old columns, so each
-- chunk it releases fails (and rolls back); that release cannot run on the table this makes.
ALTER TABLE staging_keys RENAME TO staging_keys_v22;

CREATE TABLE staging_keys (
    job_id         uuid   NOT NULL,
    row_number     bigint NOT NULL,
    record_key     text,
    barcode        text,
    name_brand_key text
);
CREATE INDEX staging_keys_record ON staging_keys (job_id, record_key, row_number);
CREATE INDEX staging_keys_barcode ON staging_keys (job_id, barcode, row_number) WHERE barcode IS NOT NULL;
CREATE INDEX staging_keys_name_brand ON staging_keys (job_id, name_brand_key, row_number)
    WHERE name_brand_key IS NOT NULL;

-- the keys of reads under way at the upgrade: each old key as a row holding that key alone (key_type 0 = match key,
-- 1 = sku, 2 = barcode, 3 = name + brand), which the marking reads the same way
INSERT INTO staging_keys (job_id, row_number, record_key, barcode, name_brand_key)
SELECT job_id, first_row,
       CASE WHEN key_type IN (0, 1) THEN key END,
       CASE WHEN key_type = 2 THEN key END,
       CASE WHEN key_type = 3 THEN key END
FROM staging_keys_v22;

DROP TABLE staging_keys_v22;
