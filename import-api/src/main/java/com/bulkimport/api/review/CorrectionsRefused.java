package com.bulkimport.api.review;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** Corrections naming a row out of range, an unknown column, a default the column refuses: none applied. */
class CorrectionsRefused extends ApiProblem {

    private final List<String> problems;

    CorrectionsRefused(List<String> problems) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "correction-refused", "The corrections cannot be applied",
                String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", problems);
    }
}
