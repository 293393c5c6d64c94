-- Security (issue 7): idempotent creates and the read API's keys.

-- The hash of the request that created a job under an Idempotency-Key: the same key with another
-- body is refused (422). The key itself and its unique index (owner, idempotency_key) are in V1.
ALTER TABLE import_jobs ADD COLUMN request_hash text;

-- Server-to-server read clients, one tenant each. Only the SHA-256 of a key is kept (the key is shown
-- once, when it is created); `prefix` lets people recognise a key in lists; revoked keys stay for audit.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    key_hash     text        NOT NULL UNIQUE,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   text
);
CREATE INDEX api_keys_tenant_created ON api_keys (tenant, created_at DESC);
