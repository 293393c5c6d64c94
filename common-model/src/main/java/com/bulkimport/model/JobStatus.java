package com.bulkimport.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The job state machine. Every status change in every service is checked here, and the SQL
 * that performs a change only matches rows whose current status is a legal predecessor
 * ({@link #predecessorsOf}), so a late or duplicate message can never move a job backwards.
 */
public enum JobStatus {
    AWAITING_UPLOAD, PENDING, INGESTING, PREVIEW_READY, APPLYING,
    COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLING, CANCELLED;

    private static final Set<JobStatus> LIVE =
            EnumSet.of(AWAITING_UPLOAD, PENDING, INGESTING, PREVIEW_READY, APPLYING);

    public boolean isLive() {
        return LIVE.contains(this);
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == COMPLETED_WITH_ERRORS || this == FAILED || this == CANCELLED;
    }

    public boolean canMoveTo(JobStatus next) {
        return switch (this) {
            case AWAITING_UPLOAD -> next == PENDING || next == CANCELLED || next == FAILED;
            case PENDING -> next == INGESTING || next == CANCELLING || next == FAILED;
            case INGESTING -> next == PREVIEW_READY || next == APPLYING || next == COMPLETED
                    || next == COMPLETED_WITH_ERRORS || next == FAILED || next == CANCELLING;
            case PREVIEW_READY -> next == APPLYING || next == CANCELLED || next == FAILED;
            case APPLYING -> next == COMPLETED || next == COMPLETED_WITH_ERRORS || next == FAILED
                    || next == CANCELLING;
            case CANCELLING -> next == CANCELLED || next == FAILED;
            // retry: a failed ingest starts again (from its checkpoint), failed batches are applied again
            case FAILED -> next == PENDING || next == APPLYING;
            case COMPLETED, COMPLETED_WITH_ERRORS, CANCELLED -> false;
        };
    }

    /** The statuses from which {@code target} may be reached, for {@code WHERE status IN (...)}. */
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
