package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** Parts storage holds with another length than the plan gives them (every part but the last: part_size). */
class UploadPartSizeMismatch extends ApiProblem {
    private final List<Integer> parts;

    UploadPartSizeMismatch(List<Integer> parts, long partSize) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "upload-part-size-mismatch", "Part has the wrong size",
                "part " + PartNumbers.describe(parts) + " has the wrong size: every part but the last must have "
                        + partSize + " bytes and the last the rest of the file; upload those parts again");
        this.parts = List.copyOf(parts.subList(0, Math.min(parts.size(), PartNumbers.LISTED)));
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("parts", parts);
    }
}
