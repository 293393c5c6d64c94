-- Retrying a finished import's failed images (docs/architecture.md, "Product images"): what a row warning is about
-- beyond its column, in full. An IMAGE_FETCH_FAILED warning's URL (its message clips it at 300 characters), so that
-- a retry knows what to fetch again and which warnings it resolved. NULL for every other warning.
ALTER TABLE import_row_errors ADD COLUMN subject text;
