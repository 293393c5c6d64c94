package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** The multipart upload no longer exists in storage (aborted, or expired by the bucket) and no object was made. */
class UploadGone extends ApiProblem {
    UploadGone() {
        super(HttpStatus.CONFLICT, "upload-gone", "The upload no longer exists",
                "storage no longer has this multipart upload (it was aborted or expired) and holds no file for the"
                        + " import; create a new import");
    }
}
