package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** Start was asked for a multipart job whose parts were never assembled. */
class UploadIncomplete extends ApiProblem {
    UploadIncomplete(String jobId) {
        super(HttpStatus.CONFLICT, "upload-incomplete", "Upload not completed",
                "the file is uploaded in parts and they have not been completed yet: upload the missing parts"
                        + " (GET /api/imports/" + jobId + "/upload lists them), then POST /api/imports/" + jobId
                        + "/upload/complete, then start");
    }
}
