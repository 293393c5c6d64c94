package com.bulkimport.api.ratelimit;

import com.bulkimport.api.problem.TooManyRequests;
import org.springframework.http.HttpHeaders;

/** The caller used up their bucket for this action; {@code Retry-After} says when the next token comes. */
class RateLimited extends TooManyRequests {

    private final Quota quota;

    RateLimited(RateLimits.Action action, RateLimitProperties.Limit limit, Quota quota) {
        super("rate-limited", "Too many requests",
                "you may " + action.verb + " at most " + limit.capacity() + " " + action.things + " per " + limit.period().toSeconds() + " s; retry in " + quota.retryAfterSeconds()
                        + " s",
                quota.retryAfterSeconds());
        this.quota = quota;
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(super.headers());
        headers.addAll(RateLimitHeaders.of(quota));
        return headers;
    }
}
