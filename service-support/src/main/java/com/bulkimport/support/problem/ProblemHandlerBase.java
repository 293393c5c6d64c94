package com.bulkimport.support.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What every service's problem handler ends with: framework errors as Spring words them (from
 * {@link ResponseEntityExceptionHandler}), a database that cannot be reached as 503, and anything else as a
 * 500 that carries a reference for the log, never the cause. Subclasses add their own known problems.
 */
public abstract class ProblemHandlerBase extends ResponseEntityExceptionHandler {

    private final Logger log = LoggerFactory.getLogger(getClass());

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    protected ProblemDetail unavailable(RuntimeException e) {
        return Problems.unavailable(log, e);
    }

    @ExceptionHandler(Exception.class)
    protected ProblemDetail unexpected(Exception e) {
        return Problems.unexpected(log, e);
    }
}
