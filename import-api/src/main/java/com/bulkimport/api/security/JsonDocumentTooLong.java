package com.bulkimport.api.security;

import com.bulkimport.api.importjob.ImportLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A body Jackson stopped reading at its document cap ({@link LimitsConfiguration#jsonDocumentLimit}) is answered
 * as the body size filter answers: 413 body-too-large, not 400, whatever path the request spelled. It runs
 * before the problem handler, which would call any unreadable body malformed.
 */
final class JsonDocumentTooLong implements HandlerExceptionResolver, Ordered {

    private final ImportLimits limits;

    JsonDocumentTooLong(ImportLimits limits) {
        this.limits = limits;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception e) {
        if (!(e instanceof HttpMessageNotReadableException) || !documentTooLong(e)) {
            return null;
        }
        try {
            BodySizeLimit.refuse(response, limits);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return new ModelAndView();
    }

    /** Jackson says which constraint a {@link StreamConstraintsException} broke only in its message. */
    static boolean documentTooLong(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limit
                    && limit.getOriginalMessage().startsWith("Document length")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
