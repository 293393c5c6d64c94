package com.bulkimport.api.importjob;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.job.TransitionRefused;
import com.bulkimport.engine.staging.InFileDuplicates;
import com.bulkimport.model.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * What an owner (or admin) can do to a job after creating it: confirm a preview, cancel, pause, resume, retry.
 * Each is one {@link JobLifecycle} operation in one transaction: the status change and the events it
 * causes commit together, and an action that does not fit the current status answers 409 with that status.
 */
@Service
class JobControlService {

    private static final Logger log = LoggerFactory.getLogger(JobControlService.class);
    private final ImportJobService jobs;
    private final JobLifecycle lifecycle;
    private final TransactionTemplate tx;
    private final MultipartUploads uploads;
    private final JdbcClient jdbc;
    private final TaskExecutor background;

    JobControlService(ImportJobService jobs, JobLifecycle lifecycle, TransactionTemplate tx, MultipartUploads uploads,
                      JdbcClient jdbc, @Qualifier("applicationTaskExecutor") TaskExecutor background) {
        this.uploads = uploads;
        this.jdbc = jdbc;
        this.background = background;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.tx = tx;
    }

    /** PREVIEW_READY → APPLYING: the staged batches are sent as they are, nothing is uploaded again. */
    ImportJob confirm(Caller caller, UUID id) {
        act(caller, id, lifecycle::confirm);
        log.info("import {} confirmed: its preview is applied", id);
        return jobs.find(caller, id);
    }

    /**
     * Nothing running: cancelled at once (a preview's staged rows are dropped; a multipart upload still awaited
     * is aborted once the cancel committed). Running: CANCELLING, and the worker stops at the next batch boundary.
     */
    ImportJob cancel(Caller caller, UUID id) {
        ImportJob before = jobs.find(caller, id);
        act(caller, id, lifecycle::cancel);
        log.info("import {} cancel requested", id);
        ImportJob after = jobs.find(caller, id);
        if (before.stillReading() && !after.stillReading()) {
            forgetKeysLater(id);
        }
        if (before.status() == JobStatus.AWAITING_UPLOAD && after.status() == JobStatus.CANCELLED) {
            uploads.abandoned(after);
        }
        return after;
    }

    /**
     * PENDING, INGESTING or APPLYING → PAUSED: a batch in flight finishes, the ingest stops at its next
     * checkpoint, nothing more is claimed until a resume.
     */
    ImportJob pause(Caller caller, UUID id) {
        act(caller, id, lifecycle::pause);
        log.info("import {} paused", id);
        return jobs.find(caller, id);
    }

    /** PAUSED → on where it stopped: the ingest from its checkpoint, or the pending batches sent again. */
    ImportJob resume(Caller caller, UUID id) {
        ImportJob job = jobs.find(caller, id);
        act(caller, id, ref -> lifecycle.resume(ref, job.objectKey()));
        log.info("import {} resumed", id);
        return jobs.find(caller, id);
    }

    /**
     * FAILED → again: failed batches are sent again; a job that failed before its batches ingests again. A finished
     * job (COMPLETED, COMPLETED_WITH_ERRORS): its failed images are fetched again by a worker, its status unchanged
     * (409 {@code nothing-to-retry} when none failed).
     */
    ImportJob retry(Caller caller, UUID id) {
        ImportJob job = jobs.find(caller, id);
        if (job.status() == JobStatus.COMPLETED || job.status() == JobStatus.COMPLETED_WITH_ERRORS) {
            return retryImages(caller, job);
        }
        if (job.status() == JobStatus.FAILED && job.failureCode() != null
                && !ImportJobView.Failure.of(job.failureCode(), job.failureReason()).retryable()) {
            throw new RetryWouldFailAgain(job.failureCode());
        }
        act(caller, id, ref -> lifecycle.retry(ref, job.objectKey()));
        log.info("import {} retried", id);
        return jobs.find(caller, id);
    }

    private ImportJob retryImages(Caller caller, ImportJob job) {
        Boolean sent;
        try {
            sent = tx.execute(status -> lifecycle.retryImages(job.ref()));
        } catch (TransitionRefused e) {
            throw new IllegalJobState(e.action(), e.status());
        }
        if (!Boolean.TRUE.equals(sent)) {
            throw new NothingToRetry();
        }
        log.info("import {}: its failed images are fetched again", job.id());
        return jobs.find(caller, job.id());
    }

    /**
     * The in-file keys of a paused read the cancel stopped go in the background, in pieces: millions take tens of
     * seconds, which the cancel's answer does not wait for. What a stop of this process leaves, retention takes.
     */
    private void forgetKeysLater(UUID id) {
        background.execute(() -> {
            try {
                long keys = InFileDuplicates.forgetKeysInPieces(jdbc, id);
                log.debug("import {}: {} rows of in-file keys of its stopped read forgotten", id, keys);
            } catch (RuntimeException e) {
                log.warn("import {}: the in-file keys of its stopped read stay until its retention: {}", id,
                        e.toString());
            }
        });
    }

    private void act(Caller caller, UUID id, Consumer<JobRef> action) {
        ImportJob job = jobs.find(caller, id);
        try {
            tx.executeWithoutResult(status -> action.accept(job.ref()));
        } catch (TransitionRefused e) {
            throw new IllegalJobState(e.action(), e.status());
        }
    }
}
