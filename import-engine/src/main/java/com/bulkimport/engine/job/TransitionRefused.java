package com.bulkimport.engine.job;

import com.bulkimport.model.JobStatus;

/** An owner's action (confirm, cancel, retry) that does not fit the job's status; the API answers 409 with it. */
public class TransitionRefused extends RuntimeException {

    private final String action;
    private final JobStatus status;

    public TransitionRefused(String action, JobStatus status) {
        super("cannot " + action + " a job that is " + status, null, false, false);
        this.action = action;
        this.status = status;
    }

    public String action() {
        return action;
    }

    public JobStatus status() {
        return status;
    }
}
