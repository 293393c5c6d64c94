package com.bulkimport.api.problem;

import com.bulkimport.support.problem.ServiceProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A fact about a request that the client must hear as a problem detail. Subclasses are named for
 * the fact ({@code ImportNotFound}, {@code UploadMissing}) and choose status, type slug and title;
 * the API's problems may add members and headers.
 */
public abstract class ApiProblem extends ServiceProblem {

    protected ApiProblem(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
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
