package com.bulkimport.api.problem;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The request body is larger than this installation accepts. */
public class BodyTooLarge extends ApiProblem {
    public BodyTooLarge(DataSize limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
                "the request body is larger than " + limit.toBytes() + " bytes (" + limit
                        + "); upload large data as a file with POST /api/imports");
    }
}
