package com.bulkimport.worker.deadletter;

import com.bulkimport.model.JobStatus;
import com.bulkimport.model.JobTransitions;
import com.bulkimport.model.event.EventType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.EnumSet;
import java.util.UUID;

/**
 * Sends a dead letter back to work (the SQS queue or the Kafka topic) once its cause is fixed. Its batch (or ingest) and
 * job are made live again first, in one transaction; then the message goes out. Should the send
 * be lost, the batch is pending without a message, which the stuck-work sweeper republishes.
 */
@Component
class Redrive {

    private final DeadLetters deadLetters;
    private final JdbcClient jdbc;
    private final JobTransitions transitions;
    private final BackToWork backToWork;
    private final TransactionTemplate tx;

    Redrive(DeadLetters deadLetters, JdbcClient jdbc, BackToWork backToWork, TransactionTemplate tx) {
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.transitions = new JobTransitions(jdbc);
        this.backToWork = backToWork;
        this.tx = tx;
    }

    DeadLetters.DeadLetter redrive(UUID id, String operator) {
        DeadLetters.DeadLetter letter = deadLetters.find(id).orElseThrow(() -> new AdminProblem.NotFound("dead letter " + id));
        tx.executeWithoutResult(status -> {
            if (!deadLetters.markRedriven(id, operator)) {
                throw new AdminProblem.Conflict("dead letter " + id + " was redriven already");
            }
            if (letter.batchId() != null && EventType.IMPORT_BATCH_READY.name().equals(letter.eventType())) {
                jdbc.sql("UPDATE import_batches SET status = 'PENDING', failed_at = NULL, updated_at = now()"
                        + " WHERE id = :id AND status = 'FAILED'").param("id", letter.batchId()).update();
                transitions.move(letter.jobId(), EnumSet.of(JobStatus.FAILED), JobStatus.APPLYING,
                        "failure_code = NULL, failure_reason = NULL, completed_at = NULL", null);
            } else if (letter.jobId() != null && EventType.IMPORT_JOB_STARTED.name().equals(letter.eventType())) {
                transitions.move(letter.jobId(), EnumSet.of(JobStatus.FAILED), JobStatus.PENDING,
                        "failure_code = NULL, failure_reason = NULL, completed_at = NULL", null);
            }
        });
        backToWork.send(letter.body());
        return deadLetters.find(id).orElseThrow();
    }
}
