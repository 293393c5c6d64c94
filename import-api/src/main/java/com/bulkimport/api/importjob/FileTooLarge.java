package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The declared file is larger than this installation accepts. */
class FileTooLarge extends ApiProblem {
    FileTooLarge(long declared, DataSize limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "file-too-large", "File too large", "the file has " + declared + " bytes; the limit is " + limit.toBytes() + " bytes (" + limit + ")");
    }
}
