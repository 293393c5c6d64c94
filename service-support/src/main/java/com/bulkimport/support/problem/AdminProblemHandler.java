package com.bulkimport.support.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.UUID;

/**
 * Every error of the relay's and the worker's endpoints leaves as an RFC 9457 problem detail. Framework errors
 * (bad JSON, a malformed id, wrong method, unknown path) get theirs from {@link ResponseEntityExceptionHandler};
 * the services' own are {@link ServiceProblem}s. A 500 carries a reference for the log, never the cause.
 * import-api has a richer handler of its own ({@link ProblemHandling} then stays out of its way).
 */
@RestControllerAdvice
public class AdminProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminProblemHandler.class);

    @ExceptionHandler(ServiceProblem.class)
    ProblemDetail known(ServiceProblem e) {
        return Problems.of(e.status(), e.slug(), e.title(), e.getMessage());
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ProblemDetail unavailable(RuntimeException e) {
        String reference = UUID.randomUUID().toString();
        log.warn("database unavailable [{}]", reference, e);
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Temporarily unavailable",
                "the service cannot reach its database right now; retry shortly");
        problem.setProperty("reference", reference);
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("unexpected error [{}]", reference, e);
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "something went wrong on our side; quote reference " + reference);
        problem.setProperty("reference", reference);
        return problem;
    }
}
