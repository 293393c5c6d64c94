-- Token buckets of the API's rate limits, shared by every import-api instance (they were in each instance's
-- memory, so N instances gave a user N times the rate). One row per user and action; a row is taken in one
-- INSERT … ON CONFLICT DO UPDATE, whose row lock orders the instances (RateLimitStore). A full bucket and no row
-- mean the same, so rows may be deleted at any time.
CREATE TABLE rate_limit_buckets (
    subject    text             NOT NULL,
    action     text             NOT NULL,
    -- tokens left at updated_at (fractional: the bucket refills continuously)
    tokens     double precision NOT NULL,
    -- whether the last take found a whole token
    granted    boolean          NOT NULL,
    updated_at timestamptz      NOT NULL,
    PRIMARY KEY (subject, action)
);
