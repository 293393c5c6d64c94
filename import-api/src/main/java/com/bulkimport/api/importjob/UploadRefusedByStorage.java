package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** S3 refused to assemble the parts (InvalidPart, InvalidPartOrder, EntityTooSmall…): its code and words. */
class UploadRefusedByStorage extends ApiProblem {
    private final String code;

    UploadRefusedByStorage(String code, String message) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "upload-refused-by-storage", "Storage refused to complete the upload",
                "storage refused to assemble the parts (" + code + "): " + message);
        this.code = code;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("code", code);
    }
}
