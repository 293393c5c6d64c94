package com.bulkimport.worker.metrics;

/**
 * How much work waits, whatever carries it: messages in the SQS queues, or the consumer group's lag
 * on the Kafka topics. Both feed {@code bulkimport_queue_depth{queue="work"|"work-dlq"}}, so the
 * dashboards and alerts read the same gauge for either transport.
 */
public interface QueueDepths {

    long work();

    long deadLetters();
}
