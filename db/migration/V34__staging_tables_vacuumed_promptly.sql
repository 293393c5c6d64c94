-- The staging tables churn: a read beside its apply stages rows that its batches delete once applied, so a big
-- import passes millions of rows through about a hundred thousand live ones (INGEST_MAX_ROWS_AHEAD). Each time
-- autovacuum looks at the database (autovacuum_naptime: 1 min by default, 15 s on RDS) it now vacuums a staging table
-- that has 20,000 dead rows or more, whatever its size, and unthrottled: a table of a few hundred MB is done in a
-- second or two instead of being paced over many, while the deleted rows' space waits. Measured at four million
-- products (bench/import-throughput): the staging table peaked at 356 MB against 474 MB; at a 10 s naptime, 109 MB.
-- Analyze keeps its default: the statements on these tables do not trust their statistics.
-- staging_keys too: the keys of a read beside its apply go all at once when the read ends
-- (InFileDuplicates.forgetKeysInPieces).
DO $$
DECLARE
    staging text;
BEGIN
    FOREACH staging IN ARRAY ARRAY['staging_restaurants', 'staging_dishes', 'staging_products', 'staging_customers',
                                   'staging_purchases', 'staging_reviews', 'staging_inventory', 'staging_keys'] LOOP
        EXECUTE format('ALTER TABLE %I SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,'
                       ' autovacuum_vacuum_cost_delay = 0)', staging);
    END LOOP;
END
$$;
