package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** The request names things that do not exist or values out of range; every problem is listed. */
public class InvalidImportRequest extends ApiProblem {

    private final List<String> problems;

    public InvalidImportRequest(List<String> problems) {
        super(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid", String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", problems);
    }
}
