package com.bulkimport.api.problem;

import com.bulkimport.support.problem.ProblemHandlerBase;
import com.bulkimport.support.problem.Problems;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

import java.net.URI;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every error leaves as an RFC 9457 problem detail with a documented {@code type} (see
 * {@link ProblemTypes}). Framework errors (bad JSON, wrong media type, unknown path...) get theirs
 * from {@link ResponseEntityExceptionHandler}, reworded where Spring's text would name Java types;
 * ours are {@link ApiProblem}s. Nothing unexpected leaks: the client gets a reference, the log the cause.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemHandlerBase {

    static ProblemDetail problem(HttpStatusCode status, String slug, String title, String detail) {
        return Problems.of(status, slug, title, detail);
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> known(ApiProblem e) {
        ProblemDetail problem = problem(e.status(), e.slug(), e.title(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return ResponseEntity.status(e.status()).headers(e.headers()).body(problem);
    }

    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail notSignedIn(AuthenticationException e) {
        return problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Not signed in", "sign in first");
    }


    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        Class<?> required = ex.getRequiredType();
        String expected = required == null ? "a valid value" : switch (required.getSimpleName()) {
            case "UUID" -> "a UUID";
            case "int", "Integer", "long", "Long" -> "a whole number in range";
            case "boolean", "Boolean" -> "true or false";
            default -> "a valid value";
        };
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "Invalid parameter", "'" + name + "' must be " + expected + ", got '" + clip(String.valueOf(ex.getValue()))
                        + "'"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLarge tooLarge) {
                ResponseEntity<ProblemDetail> answer = known(tooLarge);
                return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).body(answer.getBody());
            }
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "Malformed request body", readableReason(ex)));
    }

    /** Where the body went wrong, in JSON terms (field path, line and column), never in Java ones. */
    private static String readableReason(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof DatabindException bind && !bind.getPath().isEmpty()) {
            String path = bind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "the value of '" + clip(path) + "' has the wrong type or form";
        }
        if (cause instanceof StreamReadException read && read.getLocation() != null) {
            return "the body is not valid JSON (line " + read.getLocation().getLineNr() + ", column "
                    + read.getLocation().getColumnNr() + ")";
        }
        if (cause instanceof JacksonException) {
            return "the body is not valid JSON for this request";
        }
        return "the request body is missing or cannot be read";
    }

    /** Framework problems get a documented type instead of {@code about:blank}. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create(ProblemTypes.BASE + ProblemTypes.forStatus(statusCode.value())));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String clip(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
