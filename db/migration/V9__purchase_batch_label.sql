-- The purchase-import seed's endpoints (POST /api/import/purchases, GET /api/import/list/{merchant_id}):
-- its batch_name is kept as the job's label, and a user's purchase jobs are listed per merchant
-- (options.defaults.merchant), newest first.
ALTER TABLE import_jobs ADD COLUMN label text;
CREATE INDEX import_jobs_purchase_merchant ON import_jobs (owner, (options -> 'defaults' ->> 'merchant'), created_at DESC)
    WHERE kind = 'purchases';
