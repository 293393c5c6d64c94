package com.bulkimport.worker.deadletter;

import com.bulkimport.support.problem.ServiceProblem;
import org.springframework.http.HttpStatus;

/** The dead-letter endpoints' refusals, as RFC 9457 problem details ({@code AdminProblemHandler}). */
abstract class AdminProblem extends ServiceProblem {

    AdminProblem(HttpStatus status, String detail) {
        // the type names the status (…/problems/not-found), the title is its reason phrase
        super(status, status.name().toLowerCase().replace('_', '-'), status.getReasonPhrase(), detail);
    }

    static final class NotFound extends AdminProblem {
        NotFound(String what) {
            super(HttpStatus.NOT_FOUND, what + " does not exist");
        }
    }

    static final class Conflict extends AdminProblem {
        Conflict(String detail) {
            super(HttpStatus.CONFLICT, detail);
        }
    }
}
