-- Outbox relay: creation order per aggregate (Kafka, SQS FIFO) and an audit trail for operator replays.

-- A sequence number, not created_at, orders events: clock_timestamp() can tie within a microsecond,
-- and the sequence is handed out in insert order, which is the order writers of one aggregate
-- produce events (they serialize on the aggregate's row).
ALTER TABLE outbox_events
    ADD COLUMN seq          bigint GENERATED ALWAYS AS IDENTITY,
    ADD COLUMN replay_note  text,
    ADD COLUMN replayed_by  text,
    ADD COLUMN replayed_at  timestamptz,
    ADD COLUMN replay_count integer NOT NULL DEFAULT 0;

-- Relays claim pending rows in sequence order ...
CREATE INDEX outbox_events_pending_seq ON outbox_events (seq) WHERE status = 'PENDING';
-- ... and, for ordered transports, find where an aggregate's pending rows stop being theirs ...
CREATE INDEX outbox_events_pending_aggregate ON outbox_events (aggregatetype, aggregateid, seq)
    WHERE status = 'PENDING';
-- ... and which aggregates wait behind a failed row (few at any time: a small index).
CREATE INDEX outbox_events_retrying_aggregate ON outbox_events (aggregatetype, aggregateid, seq)
    WHERE status = 'PENDING' AND attempts > 0;
-- Claims no longer walk (available_at, created_at); one index less on the writers' hot path.
DROP INDEX outbox_events_pending;
-- Operators list and purge dead rows by age.
CREATE INDEX outbox_events_dead ON outbox_events (created_at) WHERE status = 'DEAD';
