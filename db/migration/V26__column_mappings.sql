-- A tenant's column mappings (README, "Remembered and named mappings"). Two sorts share the table:
--   remembered (name IS NULL): the mapping last confirmed (an import started with it) for a kind and a header;
--     one per tenant, kind and header_signature, the latest wins. The sample proposes it to the next file with
--     that header.
--   named (name IS NOT NULL): saved on purpose under a name unique per tenant and kind (any case), listed,
--     applied by name (mapping_name on create, ./bulk-import import --mapping NAME) and deleted.
-- header_signature: sha-256 (hex) of the header's distinct names, each normalized as the mapping compares them
-- (HeaderNames: case, accents, spacing and punctuation ignored), sorted. Order-insensitive on purpose: a mapping
-- goes by header name, so a file with the same columns in another order reads the same way.
CREATE TABLE column_mappings (
    id               uuid        PRIMARY KEY,
    tenant           text        NOT NULL,
    kind             text        NOT NULL,
    name             text,
    header_signature text        NOT NULL,
    -- header as in the file → field; "" ignores the column
    mapping          jsonb       NOT NULL,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_by       text        NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX column_mappings_named ON column_mappings (tenant, kind, lower(name)) WHERE name IS NOT NULL;
CREATE UNIQUE INDEX column_mappings_remembered ON column_mappings (tenant, kind, header_signature) WHERE name IS NULL;
-- a sample also proposes the newest named mapping of the same header when none is remembered
CREATE INDEX column_mappings_named_by_header ON column_mappings (tenant, kind, header_signature, updated_at DESC)
    WHERE name IS NOT NULL;
