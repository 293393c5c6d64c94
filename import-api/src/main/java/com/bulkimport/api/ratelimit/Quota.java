package com.bulkimport.api.ratelimit;

/**
 * A bucket after a take, in the terms of the IETF rate-limit headers.
 *
 * @param limit             the bucket's capacity
 * @param remaining         whole tokens left
 * @param resetSeconds      until the bucket is full again
 * @param retryAfterSeconds until the next whole token (0 when one is there)
 * @param granted           whether this take got a token
 */
record Quota(int limit, long remaining, long resetSeconds, long retryAfterSeconds, boolean granted) {

    static Quota of(RateLimitProperties.Limit limit, double tokens, boolean granted) {
        double secondsPerToken = limit.period().toNanos() / 1e9 / limit.capacity();
        long remaining = (long) Math.floor(tokens);
        long reset = (long) Math.ceil((limit.capacity() - tokens) * secondsPerToken);
        long retryAfter = tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) * secondsPerToken));
        return new Quota(limit.capacity(), remaining, reset, retryAfter, granted);
    }
}
