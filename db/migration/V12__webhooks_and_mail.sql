-- Webhooks and completion mail (docs/architecture.md, "Webhooks and mail").
--
-- Fan-out happens in the database: a statement trigger on outbox_events turns every inserted event into one
-- webhook delivery per matching endpoint of the event's tenant, and every job end of a job that asked for mail
-- into one email notification, in the writer's own transaction. No producer changes: the API's single events and
-- the worker's set-based per-record events (engine/outbox/RecordEvents) fan out the same way, set-based.

-- A tenant's webhook endpoints. event_types are patterns: an EventType name, PREFIX_* or * (checked by the API).
CREATE TABLE webhook_endpoints (
    id                   uuid PRIMARY KEY,
    tenant               text        NOT NULL,
    owner                text        NOT NULL,
    url                  text        NOT NULL,
    description          text,
    event_types          text[]      NOT NULL,
    enabled              boolean     NOT NULL DEFAULT true,
    -- why it was disabled: OWNER (PATCH enabled=false), GONE (the receiver answered 410), FAILING (5 days of failures)
    disabled_reason      text CHECK (disabled_reason IN ('OWNER', 'GONE', 'FAILING')),
    disabled_at          timestamptz,
    -- the signing secret (whsec_…), sealed when the services have a secret key (support/secrets/SecretBox)
    secret               text        NOT NULL,
    -- after a rotation the previous secret still signs until previous_secret_until (receivers switch over)
    previous_secret      text,
    previous_secret_until timestamptz,
    -- the first failed attempt since the last success; null while the endpoint answers
    failing_since        timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
-- the trigger joins an event's tenant to its enabled endpoints; the API lists and counts a tenant's endpoints
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant, created_at);

-- One event for one endpoint. payload is the event envelope itself (the outbox row goes 7 days after its
-- publication; a delivery may be redelivered later). message_id is the webhook-id header: the same on every
-- attempt and on a redelivery, so receivers deduplicate by it.
CREATE TABLE webhook_deliveries (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    endpoint_id      uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id         uuid        NOT NULL,
    event_type       text        NOT NULL,
    message_id       text        NOT NULL,
    payload          jsonb       NOT NULL,
    -- PENDING: due at next_attempt_at (while an attempt runs, next_attempt_at is the end of its lease: a worker
    -- that dies mid-attempt leaves the delivery due again then); DELIVERED; FAILED (out of attempts, 4xx-gone, or
    -- its endpoint was disabled)
    status           text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    -- attempts made before the last redelivery: the retry schedule starts again from there
    retry_from       integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    claimed_by       text,
    last_status_code integer,
    last_error       text,
    last_duration_ms integer,
    last_attempt_at  timestamptz,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (endpoint_id, event_id)
);
-- the delivery loop: which endpoints have due deliveries, and their due deliveries in order
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (endpoint_id, next_attempt_at) WHERE status = 'PENDING';
-- GET /api/webhooks/{id}/deliveries, newest first
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC);
-- retention of finished deliveries
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (created_at) WHERE status <> 'PENDING';

-- Every attempt of a delivery, as the receiver answered it: the delivery log an owner reads.
CREATE TABLE webhook_attempts (
    delivery_id  uuid        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt      integer     NOT NULL,
    started_at   timestamptz NOT NULL,
    duration_ms  integer     NOT NULL,
    status_code  integer,
    -- why it failed when no status says it: a timeout, a refused target, a connection error
    error        text,
    -- the first 4 KB of the receiver's answer
    response     text,
    PRIMARY KEY (delivery_id, attempt)
);

-- Where a user's finished imports are announced by mail when the job names no addresses itself.
CREATE TABLE notification_settings (
    owner      text PRIMARY KEY,
    tenant     text        NOT NULL,
    email      text[]      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One mail to send: a job's end (JOB_FINISHED, from the trigger) or an endpoint disabled for its failures
-- (WEBHOOK_DISABLED, written by the delivery loop). payload: the event envelope, or the endpoint's facts.
CREATE TABLE email_notifications (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reason          text        NOT NULL CHECK (reason IN ('JOB_FINISHED', 'WEBHOOK_DISABLED')),
    event_id        uuid UNIQUE,
    job_id          uuid,
    recipients      text[]      NOT NULL,
    payload         jsonb       NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    last_error      text,
    sent_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX email_notifications_due ON email_notifications (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX email_notifications_finished ON email_notifications (created_at) WHERE status <> 'PENDING';

-- The fan-out: set-based over the statement's new rows, so a batch of 1,000 record events costs one join.
-- A pattern matches a type when it is '*', the type itself, or PREFIX_* with the type starting with PREFIX_.
CREATE FUNCTION outbox_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, message_id, payload)
    SELECT e.id, n.id, n.type, 'msg_' || replace(gen_random_uuid()::text, '-', ''), n.payload
    FROM new_events n
    JOIN webhook_endpoints e ON e.enabled AND e.tenant = n.payload #>> '{payload,tenant}'
    WHERE EXISTS (SELECT 1 FROM unnest(e.event_types) p
                  WHERE p = '*' OR p = n.type OR (right(p, 1) = '*' AND starts_with(n.type, left(p, -1))))
    ON CONFLICT (endpoint_id, event_id) DO NOTHING;

    INSERT INTO email_notifications (reason, event_id, job_id, recipients, payload)
    SELECT 'JOB_FINISHED', n.id, j.id,
           CASE WHEN jsonb_typeof(j.options -> 'notify' -> 'email') = 'array'
                THEN ARRAY(SELECT jsonb_array_elements_text(j.options -> 'notify' -> 'email'))
                ELSE s.email END,
           n.payload
    FROM new_events n
    -- CASE: only a job's aggregate id is a uuid (a record's is its number), and a CASE is evaluated in order;
    -- an id that is no uuid (another writer's aggregate) is no job's: it must never fail the writer's insert
    JOIN import_jobs j ON j.id = CASE WHEN n.aggregatetype = 'import_job'
                                       AND n.type IN ('IMPORT_JOB_COMPLETED', 'IMPORT_JOB_FAILED', 'IMPORT_JOB_CANCELLED')
                                       AND n.aggregateid ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                                      THEN n.aggregateid::uuid END
    LEFT JOIN notification_settings s ON s.owner = j.owner
    WHERE cardinality(CASE WHEN jsonb_typeof(j.options -> 'notify' -> 'email') = 'array'
                           THEN ARRAY(SELECT jsonb_array_elements_text(j.options -> 'notify' -> 'email'))
                           ELSE s.email END) > 0
    ON CONFLICT (event_id) DO NOTHING;
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_events_fan_out AFTER INSERT ON outbox_events
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_fan_out();
