package com.bulkimport.engine.job;

import com.bulkimport.model.JobStatus;

import java.util.EnumSet;
import java.util.Set;

import static com.bulkimport.model.JobStatus.*;

/**
 * Every status change a job can make: the statuses it may start from and the one it ends in. Each is
 * one guarded SQL statement in {@link JobLifecycle} ({@code ... WHERE status IN (from)}), so a late or
 * repeated message can never move a job backwards or out of a final status. docs/architecture.md
 * ("Job lifecycle") says who performs each.
 */
public enum JobTransition {
    START(PENDING, AWAITING_UPLOAD),
    BEGIN_INGEST(INGESTING, PENDING),
    RELEASE(APPLYING, INGESTING),
    RELEASE_WHILE_READING(APPLYING, INGESTING),
    RELEASE_PREVIEW(PREVIEW_READY, INGESTING),
    CONFIRM(APPLYING, PREVIEW_READY),
    CANCEL_AT_ONCE(CANCELLED, AWAITING_UPLOAD, PREVIEW_READY, PAUSED),
    REQUEST_CANCEL(CANCELLING, PENDING, INGESTING, APPLYING, PAUSED),
    FINISH_CANCEL(CANCELLED, CANCELLING),
    COMPLETE(COMPLETED, APPLYING, PAUSED),
    COMPLETE_WITH_ERRORS(COMPLETED_WITH_ERRORS, APPLYING, PAUSED),
    FAIL(FAILED, AWAITING_UPLOAD, PENDING, INGESTING, PREVIEW_READY, APPLYING, CANCELLING, PAUSED),
    PAUSE(PAUSED, PENDING, INGESTING, APPLYING),
    RESUME_INGEST(PENDING, PAUSED),
    RESUME_APPLY(APPLYING, PAUSED),
    EXPIRE_PREVIEW(CANCELLED, PREVIEW_READY),
    RETRY_INGEST(PENDING, FAILED),
    RETRY_APPLY(APPLYING, FAILED),
    REDRIVE_INGEST(PENDING, FAILED),
    REDRIVE_APPLY(APPLYING, FAILED);

    private final JobStatus target;
    private final Set<JobStatus> from;

    JobTransition(JobStatus target, JobStatus first, JobStatus... more) {
        this.target = target;
        this.from = EnumSet.of(first, more);
        for (JobStatus status : from) {
            if (!status.canMoveTo(target)) {
                throw new IllegalStateException(name() + ": " + status + " may not move to " + target);
            }
        }
    }

    public JobStatus target() {
        return target;
    }

    /** The statuses it may start from. */
    public Set<JobStatus> from() {
        return EnumSet.copyOf(from);
    }
}
