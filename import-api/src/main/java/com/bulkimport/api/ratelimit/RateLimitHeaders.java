package com.bulkimport.api.ratelimit;

import org.springframework.http.HttpHeaders;

/**
 * The IETF draft's {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds
 * until the bucket is full again) of a limited endpoint's answer, granted or refused.
 */
final class RateLimitHeaders {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";

    private RateLimitHeaders() {
    }

    static HttpHeaders of(Quota quota) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(LIMIT, Integer.toString(quota.limit()));
        headers.set(REMAINING, Long.toString(quota.remaining()));
        headers.set(RESET, Long.toString(quota.resetSeconds()));
        return headers;
    }
}
