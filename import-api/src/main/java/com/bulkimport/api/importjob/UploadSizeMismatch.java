package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;
/** The uploaded object does not have the length the job was created with. */
class UploadSizeMismatch extends ApiProblem {
    UploadSizeMismatch(long declared, long actual) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "upload-size-mismatch", "Uploaded file has the wrong size", "the uploaded file has " + actual + " bytes, but the import was created for " + declared + " bytes");
    }
}
