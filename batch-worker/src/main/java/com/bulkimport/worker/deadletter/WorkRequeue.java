package com.bulkimport.worker.deadletter;

/**
 * Puts a dead letter's body back where work comes from: the SQS work queue or the Kafka work topic.
 * Used by a redrive and by an ingest that moved on since its last dead letter.
 */
public interface WorkRequeue {

    /** @throws RuntimeException when the transport did not take it (the caller's transaction rolls back) */
    void requeue(String body);
}
