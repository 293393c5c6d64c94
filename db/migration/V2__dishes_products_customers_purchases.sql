-- The other four kinds: staging tables (UNLOGGED, one row per valid CSV row) and domain tables.

CREATE UNLOGGED TABLE staging_dishes (
    job_id                 uuid    NOT NULL,
    row_number             bigint  NOT NULL,
    batch_seq              integer NOT NULL,
    match_key              text    NOT NULL,
    duplicate_of           bigint,
    restaurant_external_id text    NOT NULL,
    name                   text    NOT NULL,
    description            text,
    category               text,
    price                  numeric,
    currency               text,
    is_vegetarian          boolean,
    is_vegan               boolean,
    spice_level            integer,
    calories               integer,
    available              boolean
);
CREATE INDEX staging_dishes_job_batch ON staging_dishes (job_id, batch_seq);

CREATE TABLE dishes (
    id                     bigserial PRIMARY KEY,
    tenant                 text        NOT NULL,
    match_key              text        NOT NULL,
    restaurant_id          bigint      NOT NULL REFERENCES restaurants (id),
    restaurant_external_id text        NOT NULL,
    name                   text        NOT NULL,
    description            text,
    category               text,
    price                  numeric,
    currency               text,
    is_vegetarian          boolean,
    is_vegan               boolean,
    spice_level            integer,
    calories               integer,
    available              boolean,
    created_by_job         uuid,
    updated_by_job         uuid,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, match_key)
);
CREATE INDEX dishes_restaurant ON dishes (restaurant_id);

CREATE UNLOGGED TABLE staging_products (
    job_id            uuid    NOT NULL,
    row_number        bigint  NOT NULL,
    batch_seq         integer NOT NULL,
    match_key         text    NOT NULL,
    duplicate_of      bigint,
    name_brand_key    text    NOT NULL,
    name              text    NOT NULL,
    category          text    NOT NULL,
    sku               text,
    brand             text,
    barcode           text,
    description       text,
    image_url_1       text,
    image_url_2       text,
    image_url_3       text,
    image_url_4       text,
    image_url_5       text,
    image_url_6       text,
    image_url_7       text,
    image_url_8       text,
    image_url_9       text,
    image_url_10      text,
    size              text,
    unit              text,
    weight            numeric,
    pack_size         integer,
    manufacturer      text,
    country_of_origin text,
    ingredients       text,
    nutrition         jsonb,
    regional_names    jsonb
);
CREATE INDEX staging_products_job_batch ON staging_products (job_id, batch_seq);

CREATE TABLE products (
    id                bigserial PRIMARY KEY,
    tenant            text        NOT NULL,
    sku               text,
    barcode           text,
    name              text        NOT NULL,
    brand             text,
    category          text        NOT NULL,
    name_brand_key    text        NOT NULL,
    -- the image pipeline will fill this and match on it between barcode and name + brand
    image_hash        text,
    description       text,
    image_url_1       text,
    image_url_2       text,
    image_url_3       text,
    image_url_4       text,
    image_url_5       text,
    image_url_6       text,
    image_url_7       text,
    image_url_8       text,
    image_url_9       text,
    image_url_10      text,
    size              text,
    unit              text,
    weight            numeric,
    pack_size         integer,
    manufacturer      text,
    country_of_origin text,
    ingredients       text,
    nutrition         jsonb,
    regional_names    jsonb,
    -- the product-import seed's score: basic info 30, barcode 20, images 20, attributes 30
    quality_score     integer GENERATED ALWAYS AS (
        (CASE WHEN name IS NOT NULL THEN 10 ELSE 0 END)
      + (CASE WHEN brand IS NOT NULL THEN 10 ELSE 0 END)
      + (CASE WHEN category IS NOT NULL THEN 10 ELSE 0 END)
      + (CASE WHEN barcode IS NOT NULL THEN 20 ELSE 0 END)
      + (CASE WHEN num_nonnulls(image_url_1, image_url_2, image_url_3, image_url_4, image_url_5, image_url_6,
                                image_url_7, image_url_8, image_url_9, image_url_10) > 0 THEN 20 ELSE 0 END)
      + (CASE WHEN description IS NOT NULL THEN 10 ELSE 0 END)
      + (CASE WHEN num_nonnulls(size, unit, weight, pack_size) > 0 THEN 10 ELSE 0 END)
      + (CASE WHEN num_nonnulls(manufacturer, country_of_origin, ingredients, nutrition) > 0 THEN 10 ELSE 0 END)
    ) STORED,
    created_by_job    uuid,
    updated_by_job    uuid,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
-- The lookup key leads and the tenant follows: no index of products starts with the tenant alone, so
-- no plan (however stale the statistics during a large import) can walk a whole tenant per row.
CREATE UNIQUE INDEX products_sku ON products (sku, tenant) WHERE sku IS NOT NULL;
CREATE UNIQUE INDEX products_barcode ON products (barcode, tenant) WHERE barcode IS NOT NULL;
CREATE INDEX products_name_brand ON products (name_brand_key, tenant);

CREATE UNLOGGED TABLE staging_customers (
    job_id       uuid    NOT NULL,
    row_number   bigint  NOT NULL,
    batch_seq    integer NOT NULL,
    match_key    text    NOT NULL,
    duplicate_of bigint,
    customer_ref text    NOT NULL,
    name         text    NOT NULL,
    email        text,
    phone        text,
    country      text
);
CREATE INDEX staging_customers_job_batch ON staging_customers (job_id, batch_seq);

CREATE TABLE customers (
    id             bigserial PRIMARY KEY,
    tenant         text        NOT NULL,
    match_key      text        NOT NULL,
    customer_ref   text        NOT NULL,
    name           text        NOT NULL,
    email          text,
    phone          text,
    country        text,
    created_by_job uuid,
    updated_by_job uuid,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, match_key)
);

CREATE UNLOGGED TABLE staging_purchases (
    job_id          uuid    NOT NULL,
    row_number      bigint  NOT NULL,
    batch_seq       integer NOT NULL,
    match_key       text    NOT NULL,
    duplicate_of    bigint,
    transaction_ref text    NOT NULL,
    merchant        text    NOT NULL,
    customer_ref    text,
    purchased_at    timestamptz,
    sku             text    NOT NULL,
    description     text,
    quantity        integer NOT NULL,
    unit_price      numeric,
    currency        text,
    country         text
);
CREATE INDEX staging_purchases_job_batch ON staging_purchases (job_id, batch_seq);

CREATE TABLE purchases (
    id              bigserial PRIMARY KEY,
    tenant          text        NOT NULL,
    merchant        text        NOT NULL,
    transaction_ref text        NOT NULL,
    customer_ref    text,
    customer_id     bigint REFERENCES customers (id),
    purchased_at    timestamptz,
    currency        text,
    country         text,
    item_count      integer     NOT NULL,
    total_amount    numeric,
    created_by_job  uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, merchant, transaction_ref)
);

CREATE TABLE purchase_items (
    id          bigserial PRIMARY KEY,
    purchase_id bigint  NOT NULL REFERENCES purchases (id) ON DELETE CASCADE,
    line_no     integer NOT NULL,
    sku         text    NOT NULL,
    product_id  bigint REFERENCES products (id),
    description text,
    quantity    integer NOT NULL,
    unit_price  numeric,
    amount      numeric,
    UNIQUE (purchase_id, line_no)
);
