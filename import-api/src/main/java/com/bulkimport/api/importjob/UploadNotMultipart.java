package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** Parts or a completion asked of a job whose file is uploaded in one PUT. */
class UploadNotMultipart extends ApiProblem {
    UploadNotMultipart() {
        super(HttpStatus.CONFLICT, "upload-not-multipart", "Not a multipart upload",
                "this import takes its file in one PUT to its upload URL; it has no parts to list, sign or complete");
    }
}
