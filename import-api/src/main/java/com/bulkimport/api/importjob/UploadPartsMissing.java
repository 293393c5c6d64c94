package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** A completion that leaves parts out, or finds parts storage does not hold. */
class UploadPartsMissing extends ApiProblem {
    private final List<Integer> missing;

    UploadPartsMissing(List<Integer> missing, int partCount, boolean inStorage) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "upload-parts-missing", "Parts missing",
                (inStorage ? "storage does not hold " : "the completion leaves out ") + missing.size() + " of the "
                        + partCount + " parts (" + PartNumbers.describe(missing) + "); "
                        + (inStorage ? "upload them, then complete again" : "list every part from 1 to " + partCount));
        this.missing = List.copyOf(missing.subList(0, Math.min(missing.size(), PartNumbers.LISTED)));
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("missing_parts", missing);
    }
}
