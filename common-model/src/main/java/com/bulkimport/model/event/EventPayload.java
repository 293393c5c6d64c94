package com.bulkimport.model.event;

import java.util.UUID;

/**
 * What one type of event says, as a record whose components are the payload's fields (snake_case on
 * the wire, absent when null). Every event belongs to one job.
 */
public sealed interface EventPayload
        permits ImportJobCreated, ImportJobStarted, ImportBatchReady, ImportJobCompleted, ImportJobFailed,
        ImportJobCancelled, ImportJobPaused, ImportJobResumed, ImportBatchApplied, ImportImagesRetry, RecordChanged {

    UUID jobId();

    /** The batch the event is about, or null when it is about the whole job. */
    default UUID batchId() {
        return null;
    }

    /** The type this payload is the payload of. */
    default EventType type() {
        return EventType.of(this);
    }
}
