package com.bulkimport.api.operations;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** The relay or the worker could not answer an admin's request on the API's behalf. */
class OperationsUnavailable extends ApiProblem {
    OperationsUnavailable(HttpStatus status, String slug, String detail) {
        super(status, slug, "Operations service unavailable", detail);
    }
}
