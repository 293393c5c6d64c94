package com.bulkimport.api.sample;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * The head of the file is beyond what a sample reads before even its header is through: a header longer
 * than the sample's record limit, or a head that inflates past its cap. Later records beyond the limits
 * only end the sample early, with a note.
 */
class SampleLimitExceeded extends ApiProblem {

    private final String code;

    SampleLimitExceeded(String code, String message) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "sample-limit-exceeded", "The file's head is beyond what a sample reads",
                message);
        this.code = code;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("code", code);
    }
}
