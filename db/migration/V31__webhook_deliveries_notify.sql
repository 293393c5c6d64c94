-- The webhook delivery loop slept its poll interval (250 ms) between looks, so a delivery waited 125 ms on average
-- before its first attempt. A statement that creates deliveries (the outbox fan-out of V12, import-api's test
-- event) now notifies 'webhook_deliveries', and the loops listening wake at once; they still poll, so a lost
-- notification costs one interval. One NOTIFY per statement (PostgreSQL folds equal ones in a transaction).
CREATE FUNCTION webhook_deliveries_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_deliveries) THEN
        PERFORM pg_notify('webhook_deliveries', '');
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER webhook_deliveries_notify AFTER INSERT ON webhook_deliveries REFERENCING NEW TABLE AS new_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION webhook_deliveries_notify();
