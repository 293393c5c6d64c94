-- The relay claims work events (IMPORT_JOB_STARTED, IMPORT_BATCH_READY) before the others: with each tenant's window
-- of announced batches (V19), a batch is announced as the one before it is applied, right behind the thousand
-- RECORD_* events that batch wrote, so claimed in seq order the import could go no faster than the relay drains
-- record events (bench/import-throughput, events records: 1,460 rows/s against 7,472 with none). This index is the
-- walk of that first claim. (V23 is left to work on another branch.)
CREATE INDEX outbox_events_pending_work ON outbox_events (seq)
    WHERE status = 'PENDING' AND type IN ('IMPORT_JOB_STARTED', 'IMPORT_BATCH_READY');
