-- The relay's work lane (claims IMPORT_JOB_STARTED and IMPORT_BATCH_READY only) woke on every NOTIFY: while an
-- import's record events stream in, a thousand inserts a second each woke it into an empty claim, CPU the relay's
-- main loop and the inserts themselves then lack. The NOTIFY now says 'no-work' when the statement wrote no work
-- event (the types of CLAIM_WORK and outbox_events_pending_work, V24); any other payload may mean work. A relay
-- that does not read the payload wakes on both, as before.
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox', CASE
        WHEN EXISTS (SELECT 1 FROM new_events WHERE type IN ('IMPORT_JOB_STARTED', 'IMPORT_BATCH_READY')) THEN ''
        ELSE 'no-work' END);
    RETURN NULL;
END;
$$;

DROP TRIGGER outbox_events_notify ON outbox_events;
CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
