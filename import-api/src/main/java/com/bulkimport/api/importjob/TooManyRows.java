package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** An inline import larger than this installation takes in one request. */
class TooManyRows extends ApiProblem {
    TooManyRows(int rows, int limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "too-many-rows", "Too many rows for an inline import",
                "the request holds " + rows + " rows; an inline import takes at most " + limit
                        + " (upload larger files with POST /api/imports)");
    }
}
