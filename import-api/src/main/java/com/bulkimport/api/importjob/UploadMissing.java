package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;
/** Start was asked for before the file arrived at its presigned URL. */
public class UploadMissing extends ApiProblem {
    public UploadMissing(String fileName) {
        super(HttpStatus.CONFLICT, "upload-missing", "File not uploaded yet", "no file has been uploaded for this import yet; PUT '" + fileName
                + "' to the upload URL first (it is valid for 10 minutes after creation)");
    }
}
