package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** A completion names ETags storage does not have for those parts (a stale or mistyped ETag). */
class UploadPartEtagMismatch extends ApiProblem {
    private final List<Integer> parts;

    UploadPartEtagMismatch(List<Integer> parts) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "upload-part-etag-mismatch", "Part ETag does not match",
                "storage holds other content for part " + PartNumbers.describe(parts) + " than the ETag given"
                        + " (GET the upload for the ETags it holds, or upload those parts again)");
        this.parts = List.copyOf(parts.subList(0, Math.min(parts.size(), PartNumbers.LISTED)));
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("parts", parts);
    }
}
