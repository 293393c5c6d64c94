package com.bulkimport.api.ratelimit;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.util.Map;

/** The caller used up their bucket for this action; {@code Retry-After} says when the next token comes. */
class RateLimited extends ApiProblem {

    private final long retryAfterSeconds;

    RateLimited(RateLimits.Action action, RateLimitProperties.Limit limit, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                "you may " + (action == RateLimits.Action.CREATE ? "create" : "start") + " at most " + limit.capacity()
                        + " imports per " + limit.period().toSeconds() + " s; retry in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return headers;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("retry_after_seconds", retryAfterSeconds);
    }
}
