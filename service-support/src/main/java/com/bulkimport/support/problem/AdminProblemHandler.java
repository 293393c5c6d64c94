package com.bulkimport.support.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;


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
        return Problems.unavailable(log, e);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        return Problems.unexpected(log, e);
    }
}
