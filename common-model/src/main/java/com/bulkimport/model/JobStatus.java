package com.bulkimport.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The job state machine: which status may follow which. The engine's {@code JobLifecycle} performs
 * every change, each one guarded in SQL by the statuses it may start from, all of them allowed here
 * (docs/architecture.md, "Job lifecycle", lists every transition and who performs it).
 */
public enum JobStatus {
    AWAITING_UPLOAD, PENDING, INGESTING, PREVIEW_READY, APPLYING,
    COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLING, CANCELLED;

    private static final Set<JobStatus> LIVE =
            EnumSet.of(AWAITING_UPLOAD, PENDING, INGESTING, PREVIEW_READY, APPLYING);

    /** Running or about to: it may still import something without anyone asking again. */
    public boolean isLive() {
        return LIVE.contains(this);
    }

    /** Over for good: nothing moves a job out of a final status. */
    public boolean isFinal() {
        return this == COMPLETED || this == COMPLETED_WITH_ERRORS || this == CANCELLED;
    }

    /** Stopped, but a retry (or a redrive of its dead letter) may start it again. */
    public boolean isRetryable() {
        return this == FAILED;
    }

    /** Nothing runs for it now: final, or failed until someone retries. */
    public boolean hasStopped() {
        return isFinal() || isRetryable();
    }

    public boolean canMoveTo(JobStatus next) {
        return switch (this) {
            case AWAITING_UPLOAD -> next == PENDING || next == CANCELLED || next == FAILED;
            case PENDING -> next == INGESTING || next == CANCELLING || next == FAILED;
            case INGESTING -> next == PREVIEW_READY || next == APPLYING || next == FAILED || next == CANCELLING;
            case PREVIEW_READY -> next == APPLYING || next == CANCELLED || next == FAILED;
            case APPLYING -> next == COMPLETED || next == COMPLETED_WITH_ERRORS || next == FAILED
                    || next == CANCELLING;
            case CANCELLING -> next == CANCELLED || next == FAILED;
            // retry: a failed ingest starts again (from its checkpoint), failed batches are applied again
            case FAILED -> next == PENDING || next == APPLYING;
            case COMPLETED, COMPLETED_WITH_ERRORS, CANCELLED -> false;
        };
    }

    /** The statuses from which {@code target} may be reached. */
    public static Set<JobStatus> predecessorsOf(JobStatus target) {
        Set<JobStatus> result = EnumSet.noneOf(JobStatus.class);
        for (JobStatus candidate : values()) {
            if (candidate.canMoveTo(target)) {
                result.add(candidate);
            }
        }
        return result;
    }
}
