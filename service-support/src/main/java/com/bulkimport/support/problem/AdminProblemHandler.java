package com.bulkimport.support.problem;

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
public class AdminProblemHandler extends ProblemHandlerBase {

    @ExceptionHandler(ServiceProblem.class)
    ProblemDetail known(ServiceProblem e) {
        return Problems.of(e.status(), e.slug(), e.title(), e.getMessage());
    }

}
