package com.bulkimport.support.problem;

import org.springframework.http.HttpStatus;

/**
 * A request a service cannot serve, as the client should hear it: {@link AdminProblemHandler} turns it into a
 * problem detail of type {@code …/problems/<slug>}. Each service names its own (a subclass per fact).
 */
public abstract class ServiceProblem extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;

    /** No stack trace: the client's mistake is no bug, and nothing logs it. */
    protected ServiceProblem(HttpStatus status, String slug, String title, String detail) {
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
}
