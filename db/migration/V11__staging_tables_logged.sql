-- Staging tables become ordinary (logged) tables. An UNLOGGED table is emptied by crash recovery (a server
-- process killed, say by the OOM killer, is enough) and a failover's standby never had its rows; nothing
-- re-ingested what was lost, whatever V1 said, so the batches still pending then applied nothing and their
-- job COMPLETED with rows silently missing. Logged, every staged row survives a crash and a failover, and the
-- batches that died with their sessions apply them when redelivered (DatabaseRestartIntegrationTest in
-- batch-worker). The price is WAL for the staged rows, once per ingest.
ALTER TABLE staging_restaurants SET LOGGED;
ALTER TABLE staging_dishes SET LOGGED;
ALTER TABLE staging_products SET LOGGED;
ALTER TABLE staging_customers SET LOGGED;
ALTER TABLE staging_purchases SET LOGGED;
