package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import com.bulkimport.model.JobStatus;

/** The action does not fit the job's current status (e.g. start twice). */
public class IllegalJobState extends ApiProblem {
    public IllegalJobState(String action, JobStatus status) {
        super(HttpStatus.CONFLICT, "illegal-job-state", "Not possible in the import's current state", "cannot " + action + " an import that is " + status);
    }
}
