package com.bulkimport.worker.deadletter;

import com.bulkimport.model.JobStatus;
import com.bulkimport.model.JobTransitions;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.outbox.OutboxWriter;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import org.springframework.beans.factory.annotation.Value;
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

    private final JobStore jobs;
    private final OutboxWriter outbox;
    private final String eventSource;

    Redrive(DeadLetters deadLetters, JdbcClient jdbc, BackToWork backToWork, TransactionTemplate tx,
            JobStore jobs, OutboxWriter outbox, @Value("${bulkimport.events.source}") String eventSource) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.eventSource = eventSource;
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
                if (transitions.move(letter.jobId(), EnumSet.of(JobStatus.FAILED), JobStatus.APPLYING,
                        "failure_code = NULL, failure_reason = NULL, completed_at = NULL", null)) {
                    resendHeldBack(letter);
                }
            } else if (letter.jobId() != null && EventType.IMPORT_JOB_STARTED.name().equals(letter.eventType())) {
                transitions.move(letter.jobId(), EnumSet.of(JobStatus.FAILED), JobStatus.PENDING,
                        "failure_code = NULL, failure_reason = NULL, completed_at = NULL", null);
            }
        });
        backToWork.send(letter.body());
        return deadLetters.find(id).orElseThrow();
    }

    /**
     * Batches that came while the job was failed were left pending without a message (their message was
     * spent): the job is live again, so they go out again with it, through the outbox.
     */
    private void resendHeldBack(DeadLetters.DeadLetter letter) {
        WorkerJob job = jobs.find(letter.jobId()).orElseThrow();
        jdbc.sql("SELECT id, seq, row_count FROM import_batches WHERE job_id = :job AND status = 'PENDING' AND id <> :batch"
                        + " ORDER BY seq")
                .param("job", letter.jobId()).param("batch", letter.batchId())
                .query((rs, n) -> job.ref().batchReady(eventSource, rs.getObject("id", UUID.class), rs.getInt("seq"),
                        rs.getInt("row_count"), true))
                .list()
                .forEach(event -> outbox.appendForJob(job.id(), event));
    }
}
