package com.bulkimport.api.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.util.Map;

/** A 429: the caller must wait; {@code Retry-After} (and {@code retry_after_seconds}) say how long. */
public abstract class TooManyRequests extends ApiProblem {

    private final long retryAfterSeconds;

    protected TooManyRequests(String slug, String title, String detail, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, slug, title, detail);
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
