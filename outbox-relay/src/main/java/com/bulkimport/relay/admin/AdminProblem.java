package com.bulkimport.relay.admin;

import com.bulkimport.support.problem.ServiceProblem;
import org.springframework.http.HttpStatus;

import java.util.UUID;

/** The outbox admin endpoints' refusals, as the client should hear them (RFC 9457, see {@code AdminProblemHandler}). */
public abstract class AdminProblem extends ServiceProblem {

    AdminProblem(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
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
