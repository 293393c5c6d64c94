package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * A retry of a job its file failed (binary, no data rows, a required column missing, never uploaded...): it
 * would read the same bytes with the same options to the same end, so it is refused rather than run again.
 */
public class RetryWouldFailAgain extends ApiProblem {
    public RetryWouldFailAgain(String failureCode) {
        super(HttpStatus.CONFLICT, "retry-would-fail-again", "A retry would fail the same way",
                "the import failed because of its file (" + failureCode + "): a retry would read the same file to"
                        + " the same end; fix the file and import it again");
    }
}
