package com.bulkimport.worker.deadletter;

import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.job.JobStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

/**
 * Sends a dead letter back to work (the SQS queue or the Kafka topic) once its cause is fixed. Its batch (or ingest) and
 * job are made live again first, in one transaction; then the message goes out. Should the send
 * be lost, the batch is pending without a message, which the stuck-work sweeper republishes.
 */
@Component
class Redrive {

    private final DeadLetters deadLetters;
    private final WorkRequeue requeue;
    private final TransactionTemplate tx;
    private final JobStore jobs;
    private final JobLifecycle lifecycle;

    Redrive(DeadLetters deadLetters, WorkRequeue requeue, TransactionTemplate tx, JobStore jobs,
            JobLifecycle lifecycle) {
        this.deadLetters = deadLetters;
        this.requeue = requeue;
        this.tx = tx;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
    }

    DeadLetters.DeadLetter redrive(UUID id, String operator) {
        DeadLetters.DeadLetter letter = deadLetters.find(id).orElseThrow(() -> new AdminProblem.NotFound("dead letter " + id));
        EventType type = EventType.named(letter.eventType()).orElse(null);
        tx.executeWithoutResult(status -> {
            if (!deadLetters.markRedriven(id, operator)) {
                throw new AdminProblem.Conflict("dead letter " + id + " was redriven already");
            }
            if (letter.jobId() == null) {
                return;
            }
            jobs.find(letter.jobId()).ifPresent(job -> {
                if (type == EventType.IMPORT_BATCH_READY && letter.batchId() != null) {
                    lifecycle.redriveApply(job.ref(), letter.batchId());
                } else if (type == EventType.IMPORT_JOB_STARTED) {
                    lifecycle.redriveIngest(job.ref());
                }
            });
        });
        requeue.requeue(letter.body());
        return deadLetters.find(id).orElseThrow();
    }
}
