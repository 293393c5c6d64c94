package com.bulkimport.api.purchasebatch;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** The body is not readable as multipart/form-data (no boundary, cut off, broken part headers). */
class MalformedUpload extends ApiProblem {

    MalformedUpload(String detail) {
        super(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request body", detail);
    }
}
