package com.bulkimport.relay.admin;

import org.springframework.http.HttpStatus;

import java.util.UUID;

/** An admin request that cannot be served, as the client should hear it (RFC 9457, see {@link AdminProblemHandler}). */
public abstract class AdminProblem extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;

    AdminProblem(HttpStatus status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    HttpStatus status() {
        return status;
    }

    String slug() {
        return slug;
    }

    String title() {
        return title;
    }

    /** A query parameter or body field the endpoint cannot use. */
    static final class InvalidRequest extends AdminProblem {
        InvalidRequest(String detail) {
            super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        }
    }

    static final class EventNotFound extends AdminProblem {
        EventNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "outbox-event-not-found", "Outbox event not found", "no outbox event " + id);
        }
    }

    /** The event is not in a state that allows the action (e.g. replaying a pending one). */
    static final class WrongStatus extends AdminProblem {
        WrongStatus(String detail) {
            super(HttpStatus.CONFLICT, "outbox-event-wrong-status", "Wrong status for this action", detail);
        }
    }

    public static final class Forbidden extends AdminProblem {
        public Forbidden(String detail) {
            super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
        }
    }
}
