package com.bulkimport.api.purchasebatch;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The uploaded file (or the whole form, by its declared length) is above the file size limit. */
class UploadTooLarge extends ApiProblem {

    UploadTooLarge(String what, DataSize limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "file-too-large", "File too large",
                what + "; the limit is " + limit.toBytes() + " bytes (" + limit + ")");
    }
}
