package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * A retry of a finished import none of whose images failed: what a finished import's retry redoes is its failed
 * images (its rows are imported again only by importing the file again), and there are none.
 */
public class NothingToRetry extends ApiProblem {
    public NothingToRetry() {
        super(HttpStatus.CONFLICT, "nothing-to-retry", "Nothing to retry",
                "the import has finished and none of its images failed: a finished import's retry fetches its failed"
                        + " images again, nothing else; to import its rows again, import the file again");
    }
}
