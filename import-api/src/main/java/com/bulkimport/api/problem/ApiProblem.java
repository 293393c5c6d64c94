package com.bulkimport.api.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A fact about a request that the client must hear as a problem detail. Subclasses are named for
 * the fact ({@code ImportNotFound}, {@code UploadMissing}) and choose status, type slug and title.
 */
public abstract class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;

    protected ApiProblem(HttpStatus status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** Extra members of the problem detail, e.g. the list of validation errors. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    public HttpHeaders headers() {
        return HttpHeaders.EMPTY;
    }
}
