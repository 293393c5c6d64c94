package com.bulkimport.support.problem;

import org.slf4j.Logger;
import org.springframework.http.HttpStatus;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;

/** Problem details (RFC 9457) with the system's {@code type} URIs, for handlers and for filters that answer before MVC. */
public final class Problems {

    public static final String TYPE_BASE = "https://bulk-import.dev/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        return problem;
    }

    /** The database is away (a restart, a failover): 503, with a reference to find the logged cause. */
    public static ProblemDetail unavailable(Logger log, RuntimeException e) {
        String reference = UUID.randomUUID().toString();
        log.warn("database unavailable [{}]", reference, e);
        ProblemDetail problem = of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Temporarily unavailable",
                "the service cannot reach its database right now; retry shortly");
        problem.setProperty("reference", reference);
        return problem;
    }

    /**
     * A bug: 500 with a reference to the logged stack trace, never the trace itself. The request's transaction
     * rolled back, so nothing it started was changed.
     */
    public static ProblemDetail unexpected(Logger log, Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("unexpected error [{}]", reference, e);
        ProblemDetail problem = of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "something went wrong on our side and nothing was changed; quote reference " + reference);
        problem.setProperty("reference", reference);
        return problem;
    }

    /** The same body, written straight to the response (security filters answer before any handler runs). */
    public static void write(HttpServletResponse response, HttpStatusCode status, String slug, String title,
                             String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        ObjectNode body = JSON.createObjectNode();
        body.put("type", TYPE_BASE + slug);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
