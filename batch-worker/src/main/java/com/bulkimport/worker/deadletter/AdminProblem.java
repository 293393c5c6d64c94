package com.bulkimport.worker.deadletter;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/** Errors of the worker's admin endpoints, as RFC 9457 problem details. */
abstract class AdminProblem extends RuntimeException {

    private final HttpStatus status;

    AdminProblem(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    static final class NotFound extends AdminProblem {
        NotFound(String what) {
            super(HttpStatus.NOT_FOUND, what + " does not exist");
        }
    }

    static final class Conflict extends AdminProblem {
        Conflict(String detail) {
            super(HttpStatus.CONFLICT, detail);
        }
    }

    @RestControllerAdvice(basePackageClasses = AdminProblem.class)
    static class Handler {
        @ExceptionHandler(AdminProblem.class)
        ProblemDetail handle(AdminProblem e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status, e.getMessage());
            problem.setType(URI.create("https://bulk-import.dev/problems/" + e.status.name().toLowerCase().replace('_', '-')));
            return problem;
        }
    }
}
