-- The one schema every service shares. Append-only: later changes go into new V<n>__*.sql files.

CREATE TABLE import_jobs (
    id                  uuid PRIMARY KEY,
    owner               text        NOT NULL,
    tenant              text        NOT NULL,
    kind                text        NOT NULL,
    mode                text        NOT NULL DEFAULT 'COMMIT' CHECK (mode IN ('COMMIT', 'DRY_RUN')),
    status              text        NOT NULL,
    file_name           text,
    file_size           bigint,
    file_sha256         text,
    object_key          text,
    options             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    encoding            text,
    delimiter           text,
    warnings            jsonb       NOT NULL DEFAULT '[]'::jsonb,
    failure_code        text,
    failure_reason      text,
    total_rows          bigint,
    processed_rows      bigint      NOT NULL DEFAULT 0,
    created_count       bigint      NOT NULL DEFAULT 0,
    updated_count       bigint      NOT NULL DEFAULT 0,
    unchanged_count     bigint      NOT NULL DEFAULT 0,
    duplicate_count     bigint      NOT NULL DEFAULT 0,
    error_count         bigint      NOT NULL DEFAULT 0,
    batch_count         integer     NOT NULL DEFAULT 0,
    batches_done        integer     NOT NULL DEFAULT 0,
    mapped_fields       text[],
    source_header       text[],
    column_map          jsonb,
    ingest_row          bigint      NOT NULL DEFAULT 0,
    ingest_offset       bigint      NOT NULL DEFAULT 0,
    idempotency_key     text,
    trace_id            text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz,
    apply_started_at    timestamptz,
    completed_at        timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz,
    version             integer     NOT NULL DEFAULT 0
);
CREATE INDEX import_jobs_owner_created ON import_jobs (owner, created_at DESC);
CREATE INDEX import_jobs_tenant_created ON import_jobs (tenant, created_at DESC);
CREATE UNIQUE INDEX import_jobs_idempotency ON import_jobs (owner, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE import_batches (
    id              uuid PRIMARY KEY,
    job_id          uuid        NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    seq             integer     NOT NULL,
    first_row       bigint      NOT NULL,
    row_count       integer     NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING',
    attempts        integer     NOT NULL DEFAULT 0,
    created_count   integer     NOT NULL DEFAULT 0,
    updated_count   integer     NOT NULL DEFAULT 0,
    unchanged_count integer     NOT NULL DEFAULT 0,
    duplicate_count integer     NOT NULL DEFAULT 0,
    error_count     integer     NOT NULL DEFAULT 0,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (job_id, seq)
);

CREATE TABLE import_row_errors (
    id          bigserial PRIMARY KEY,
    job_id      uuid        NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    row_number  bigint      NOT NULL,
    line_number bigint,
    column_name text,
    code        text        NOT NULL,
    message     text        NOT NULL,
    raw_record  jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_row_errors_job_row ON import_row_errors (job_id, row_number);

-- Debezium-compatible core (id, aggregatetype, aggregateid, type, payload) plus the relay's columns.
CREATE TABLE outbox_events (
    id            uuid PRIMARY KEY,
    aggregatetype text        NOT NULL,
    aggregateid   text        NOT NULL,
    type          text        NOT NULL,
    payload       jsonb       NOT NULL,
    status        text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PUBLISHED', 'DEAD')),
    attempts      integer     NOT NULL DEFAULT 0,
    available_at  timestamptz NOT NULL DEFAULT now(),
    last_error    text,
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_at  timestamptz,
    trace_id      text
);
CREATE INDEX outbox_events_pending ON outbox_events (available_at, created_at) WHERE status = 'PENDING';
CREATE INDEX outbox_events_published ON outbox_events (published_at) WHERE status = 'PUBLISHED';

-- A hint for relays that LISTEN: PostgreSQL folds identical notifications of one transaction into one.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

CREATE TABLE inbox_messages (
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Rows of a job between ingest and apply. UNLOGGED: fast to fill, and a crash only costs a re-ingest.
CREATE UNLOGGED TABLE staging_restaurants (
    job_id               uuid    NOT NULL,
    row_number           bigint  NOT NULL,
    batch_seq            integer NOT NULL,
    match_key            text    NOT NULL,
    duplicate_of         bigint,
    external_id          text,
    name                 text    NOT NULL,
    address              text,
    locality             text,
    city                 text,
    country_code         text,
    cuisines             text,
    latitude             numeric,
    longitude            numeric,
    average_cost_for_two numeric,
    currency             text,
    has_table_booking    boolean,
    has_online_delivery  boolean,
    price_range          integer,
    rating               numeric,
    votes                integer
);
CREATE INDEX staging_restaurants_job_batch ON staging_restaurants (job_id, batch_seq);

CREATE TABLE restaurants (
    id                   bigserial PRIMARY KEY,
    tenant               text        NOT NULL,
    match_key            text        NOT NULL,
    external_id          text,
    name                 text        NOT NULL,
    address              text,
    locality             text,
    city                 text,
    country_code         text,
    cuisines             text,
    latitude             numeric,
    longitude            numeric,
    average_cost_for_two numeric,
    currency             text,
    has_table_booking    boolean,
    has_online_delivery  boolean,
    price_range          integer,
    rating               numeric,
    votes                integer,
    created_by_job       uuid,
    updated_by_job       uuid,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, match_key)
);
CREATE INDEX restaurants_tenant_city ON restaurants (tenant, lower(city));
