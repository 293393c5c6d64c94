package com.bulkimport.api.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;
import java.util.Set;

/**
 * Which operations take a rate-limit token ({@code RateLimits.take}) and the headers their answers carry:
 * {@code RateLimit-*} on every answer, {@code Retry-After} on the 429.
 */
final class RateLimitDocs {

    /** The operations that call {@code RateLimits.take}, as "METHOD path". */
    static final Set<String> LIMITED = Set.of("POST /api/imports", "POST /api/imports/rows",
            "POST /api/imports/{id}/start", "POST /api/imports/{id}/retry", "POST /api/imports/{id}/resume", "POST /api/imports/{id}/confirm",
            "POST /api/imports/{id}/revert",
            "PATCH /api/imports/{id}", "GET /api/imports/{id}/sample", "GET /api/imports/{id}/errors",
            "GET /api/imports/{id}/problems", "POST /api/imports/{id}/corrections",
            "GET /api/imports/{id}/errors.csv", "POST /api/import/purchases",
            "GET /api/imports/{id}/upload", "POST /api/imports/{id}/upload/parts", "POST /api/imports/{id}/upload/complete");

    private RateLimitDocs() {
    }

    static boolean limited(HandlerMethod handler, String path) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && Arrays.stream(mapping.method()).anyMatch(method -> LIMITED.contains(method + " " + path));
    }

    static void addHeaders(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") || status.equals("429")) {
                response.addHeaderObject("RateLimit-Limit", header("requests the user's bucket holds"));
                response.addHeaderObject("RateLimit-Remaining", header("whole requests left in it"));
                response.addHeaderObject("RateLimit-Reset", header("seconds until it is full again"));
            }
            if (status.equals("429")) {
                response.addHeaderObject("Retry-After", header("seconds until the next request is allowed"));
            }
        });
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new IntegerSchema());
    }
}
