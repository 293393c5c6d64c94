package com.bulkimport.model.event;

/**
 * Who an event is for, which decides where a transport that routes by itself (SQS, Kafka) sends it.
 * EventBridge routes by its rules instead (infra/event-rules.json).
 */
public enum Audience {
    /** Work for the batch workers: the work queue or topic. */
    WORKERS,
    /** Systems that follow the imported data: each record's change, or each batch's summary. */
    SUBSCRIBERS,
    /** People and systems waiting for a job's end: completed, failed or cancelled. */
    NOTIFICATIONS,
    /** Nobody outside: the event is kept in the outbox only (and an unknown type is treated so). */
    NONE
}
