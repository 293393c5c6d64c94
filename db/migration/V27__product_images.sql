-- The image pipeline of product imports (docs/architecture.md, "Product images").

-- A staged product carries what its images became, fetched and hashed while it was staged, so that the apply
-- can match on the hash: the first stored image's perceptual hash (16 hex digits) and every stored image
-- ([{position, source_url, sha256, width, height, hash, original, medium, thumbnail}], object keys in the images bucket).
ALTER TABLE staging_products ADD COLUMN image_hash text, ADD COLUMN images jsonb;
ALTER TABLE products ADD COLUMN images jsonb;

-- Near duplicates without a scan: the 64-bit hash in four bands of 16 bits (4 hex digits), an index per band.
-- Two hashes at most 3 bits apart agree on at least one band (pigeonhole), so probing the four bands' indexes for
-- equal bands and checking the Hamming distance of those candidates finds every match. Not partial (WHERE image_hash
-- IS NOT NULL): the planner may walk a whole partial index whose predicate a query implies, and did so for a products
-- table that looked empty; an index without a predicate is used only through its band's equality.
CREATE INDEX products_image_band_0 ON products (substr(image_hash, 1, 4), tenant);
CREATE INDEX products_image_band_1 ON products (substr(image_hash, 5, 4), tenant);
CREATE INDEX products_image_band_2 ON products (substr(image_hash, 9, 4), tenant);
CREATE INDEX products_image_band_3 ON products (substr(image_hash, 13, 4), tenant);

-- Image points only for an image fetched and valid (a hash is stored only for such a one), no longer for any text
-- in an image column. A generated column's expression cannot be changed in place before PostgreSQL 17.
ALTER TABLE products DROP COLUMN quality_score;
ALTER TABLE products ADD COLUMN quality_score integer GENERATED ALWAYS AS (
    (CASE WHEN name IS NOT NULL THEN 10 ELSE 0 END)
  + (CASE WHEN brand IS NOT NULL THEN 10 ELSE 0 END)
  + (CASE WHEN category IS NOT NULL THEN 10 ELSE 0 END)
  + (CASE WHEN barcode IS NOT NULL THEN 20 ELSE 0 END)
  + (CASE WHEN image_hash IS NOT NULL THEN 20 ELSE 0 END)
  + (CASE WHEN description IS NOT NULL THEN 10 ELSE 0 END)
  + (CASE WHEN num_nonnulls(size, unit, weight, pack_size) > 0 THEN 10 ELSE 0 END)
  + (CASE WHEN num_nonnulls(manufacturer, country_of_origin, ingredients, nutrition) > 0 THEN 10 ELSE 0 END)
) STORED;

-- A job's images, each named image of a staged row counted once: fetched and stored, or failed (a row warning).
ALTER TABLE import_jobs ADD COLUMN images_total bigint NOT NULL DEFAULT 0,
                        ADD COLUMN images_done bigint NOT NULL DEFAULT 0,
                        ADD COLUMN images_failed bigint NOT NULL DEFAULT 0;
