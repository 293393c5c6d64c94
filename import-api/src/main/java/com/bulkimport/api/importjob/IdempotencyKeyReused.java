package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** The Idempotency-Key was used before with a different request. */
class IdempotencyKeyReused extends ApiProblem {
    IdempotencyKeyReused() {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
                "this Idempotency-Key was already used with a different request body; use a new key for a new import");
    }
}
