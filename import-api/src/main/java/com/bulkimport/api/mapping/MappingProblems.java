package com.bulkimport.api.mapping;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** The mapping API's refusals, each named for its fact. */
final class MappingProblems {

    private MappingProblems() {
    }

    /** No such mapping in the caller's tenant: another tenant's looks exactly the same. */
    static final class MappingNotFound extends ApiProblem {
        MappingNotFound(String ref) {
            super(HttpStatus.NOT_FOUND, "mapping-not-found", "Mapping not found", "there is no saved mapping " + ref);
        }
    }

    static final class MappingNameTaken extends ApiProblem {
        MappingNameTaken(String name, String kind) {
            super(HttpStatus.CONFLICT, "mapping-name-taken", "Mapping name taken",
                    "a mapping of " + kind + " named '" + name + "' exists already; delete it first or choose another name");
        }
    }

    static final class TooManyMappings extends ApiProblem {
        TooManyMappings(int limit) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "mapping-limit-reached", "Too many mappings",
                    "this tenant has " + limit + " named mappings, the limit; delete one first");
        }
    }
}
