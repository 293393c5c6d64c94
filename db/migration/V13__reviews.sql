-- Reviews (issue 15, part 5): the kind `reviews`, matched by review_ref within the tenant, each pointing at an
-- imported restaurant; and the restaurant's review_count and average_rating, which the reviews applier
-- recomputes for every restaurant a batch touched, in the batch's transaction.

-- Staging is logged, as every staging table since V11.
CREATE TABLE staging_reviews (
    job_id                 uuid    NOT NULL,
    row_number             bigint  NOT NULL,
    batch_seq              integer NOT NULL,
    match_key              text    NOT NULL,
    duplicate_of           bigint,
    review_ref             text    NOT NULL,
    restaurant_external_id text    NOT NULL,
    author                 text,
    rating                 integer NOT NULL,
    title                  text,
    text                   text,
    reviewed_at            timestamptz
);
CREATE INDEX staging_reviews_job_batch ON staging_reviews (job_id, batch_seq);

CREATE TABLE reviews (
    id                     bigserial PRIMARY KEY,
    tenant                 text        NOT NULL,
    match_key              text        NOT NULL,
    restaurant_id          bigint      NOT NULL REFERENCES restaurants (id),
    review_ref             text        NOT NULL,
    restaurant_external_id text        NOT NULL,
    author                 text,
    rating                 integer     NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title                  text,
    text                   text,
    reviewed_at            timestamptz,
    created_by_job         uuid,
    updated_by_job         uuid,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, match_key)
);
-- GET /api/restaurants/{id}/reviews (newest first) and the per-restaurant aggregates (rating included, so an
-- aggregate reads the index alone) both read by restaurant
CREATE INDEX reviews_restaurant_newest ON reviews (restaurant_id, reviewed_at DESC NULLS LAST, id DESC) INCLUDE (rating);

-- Derived from the restaurant's reviews, never imported: a restaurants file cannot set them, and a change of
-- them is no RESTAURANT_UPDATED (docs/architecture.md, "Reviews and the restaurant's aggregates").
-- Adding a column with a constant default rewrites nothing.
ALTER TABLE restaurants ADD COLUMN review_count integer NOT NULL DEFAULT 0;
ALTER TABLE restaurants ADD COLUMN average_rating numeric(3, 2);
