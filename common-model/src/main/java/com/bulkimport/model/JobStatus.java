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
    COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLING, CANCELLED,
    /** Held by its owner: nothing new is claimed for it until a resume (or a cancel). */
    PAUSED;

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

    /**
     * Nothing runs for it now: final, or failed until someone retries. Not PAUSED: a batch that was in flight
     * when the pause came still finishes.
     */
    public boolean hasStopped() {
        return isFinal() || isRetryable();
    }

    public boolean canMoveTo(JobStatus next) {
        return switch (this) {
            case AWAITING_UPLOAD -> next == PENDING || next == CANCELLED || next == FAILED;
            case PENDING -> next == INGESTING || next == CANCELLING || next == FAILED || next == PAUSED;
            case INGESTING -> next == PREVIEW_READY || next == APPLYING || next == FAILED || next == CANCELLING
                    || next == PAUSED;
            case PREVIEW_READY -> next == APPLYING || next == CANCELLED || next == FAILED;
            case APPLYING -> next == COMPLETED || next == COMPLETED_WITH_ERRORS || next == FAILED
                    || next == CANCELLING || next == PAUSED;
            // resume: an ingest goes on from its checkpoint (PENDING), batches are applied again (APPLYING);
            // cancel: at once before any batch exists, else at the next batch boundary; a batch in flight when
            // the pause came may be the last one and complete the job; a dead letter still fails it
            case PAUSED -> next == PENDING || next == APPLYING || next == CANCELLED || next == CANCELLING
                    || next == COMPLETED || next == COMPLETED_WITH_ERRORS || next == FAILED;
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
