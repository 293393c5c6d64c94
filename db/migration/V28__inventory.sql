-- Store inventory (issue 17, part 5): the kind `inventory`, one record per tenant, store and product (found by
-- sku, else barcode, within the tenant). The file's updated_at (when the stock was counted) is kept as
-- stock_updated_at, beside the updated_at every domain table has (when an import last wrote the record): an
-- older count never overwrites a newer one (docs/architecture.md, "Matching and duplicates").

-- Staging is logged, as every staging table since V11. updated_at here is the file's column.
CREATE TABLE staging_inventory (
    job_id       uuid    NOT NULL,
    row_number   bigint  NOT NULL,
    batch_seq    integer NOT NULL,
    match_key    text    NOT NULL,
    duplicate_of bigint,
    store_ref    text    NOT NULL,
    sku          text,
    barcode      text,
    quantity     integer NOT NULL,
    price        numeric,
    currency     text,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX staging_inventory_job_batch ON staging_inventory (job_id, batch_seq);

CREATE TABLE inventory (
    id               bigserial PRIMARY KEY,
    tenant           text        NOT NULL,
    store_ref        text        NOT NULL,
    product_id       bigint      NOT NULL REFERENCES products (id),
    quantity         integer     NOT NULL CHECK (quantity >= 0),
    price            numeric     CHECK (price >= 0),
    currency         text,
    stock_updated_at timestamptz NOT NULL,
    created_by_job   uuid,
    updated_by_job   uuid,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, store_ref, product_id)
);
-- GET /api/products/{id}/inventory (by store), and a revert's "does stock point at this product" probe
CREATE INDEX inventory_product ON inventory (product_id, store_ref);
