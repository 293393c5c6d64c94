package com.bulkimport.engine.job;

import com.bulkimport.engine.batch.Batch;
import com.bulkimport.engine.batch.Batches;
import com.bulkimport.engine.outbox.OutboxWriter;
import com.bulkimport.engine.staging.InFileDuplicates;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.model.BatchStatus;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one home of a job's status: every change is one of these operations, one guarded statement
 * ({@link JobTransition}) that commits with the events it causes, in the caller's transaction.
 * Owner actions ({@link #confirm}, {@link #cancel}, {@link #pause}, {@link #resume}, {@link #retry}) throw
 * {@link TransitionRefused}
 * when the status does not allow them; the worker's steps answer whether the job moved, since a late
 * or repeated message finding the job moved on is no error.
 */
public final class JobLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobLifecycle.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLEAR_FAILURE = "failure_code = NULL, failure_reason = NULL, completed_at = NULL";
    private static final String APPLY_FROM_NOW = "apply_started_at = clock_timestamp(), apply_base_rows = processed_rows";

    private final JdbcClient jdbc;
    private final JobMoves moves;
    private final JobEvents events;
    private final Batches batches;
    private final BatchWindow window;

    /** Without a window: every batch announced at once. */
    public JobLifecycle(JdbcClient jdbc, OutboxWriter outbox, Batches batches, String eventSource) {
        this(jdbc, outbox, batches, eventSource, BatchWindow.unlimited(jdbc, outbox, eventSource));
    }

    /** @param window each tenant's share of announced batches ({@link BatchWindow}) */
    public JobLifecycle(JdbcClient jdbc, OutboxWriter outbox, Batches batches, String eventSource, BatchWindow window) {
        this.jdbc = jdbc;
        this.moves = new JobMoves(jdbc);
        this.events = new JobEvents(outbox, eventSource);
        this.batches = batches;
        this.window = window;
    }

    /** A new job exists (inserted AWAITING_UPLOAD, or INGESTING with its rows inline): IMPORT_JOB_CREATED. */
    public void created(JobRef job, String fileName, Integer inlineRows) {
        events.created(job, fileName, inlineRows, inlineRows == null ? JobStatus.AWAITING_UPLOAD : JobStatus.INGESTING);
    }

    /** AWAITING_UPLOAD → PENDING once the file is uploaded: IMPORT_JOB_STARTED sends a worker to ingest it. */
    public boolean start(JobRef job, String objectKey) {
        if (!moves.move(job.id(), JobTransition.START, "started_at = now()")) {
            return false;
        }
        events.started(job, objectKey, job.mode(), false, false, JobStatus.PENDING);
        return true;
    }

    /** PENDING → INGESTING as a worker takes the file. */
    public boolean beginIngest(UUID jobId) {
        return moves.move(jobId, JobTransition.BEGIN_INGEST, "started_at = coalesce(started_at, now())");
    }

    /**
     * INGESTING → APPLYING with the ingest's counts and one IMPORT_BATCH_READY per batch (a job with no
     * batch completes at once); a dry run goes to PREVIEW_READY instead, and sends nothing.
     *
     * @throws JobLeftIngesting when the job is no longer INGESTING (it was cancelled meanwhile)
     */
    public void release(JobRef job, IngestOutcome outcome, List<Batch> released) {
        Map<String, Object> params = new HashMap<>();
        params.put("total", outcome.totalRows());
        params.put("errors", outcome.refused());
        params.put("atomic", outcome.atomic());
        params.put("duplicates", outcome.duplicates());
        params.put("batches", released.size());
        params.put("encoding", outcome.encoding());
        params.put("delimiter", outcome.delimiter());
        params.put("warnings", JSON.writeValueAsString(outcome.warnings()));
        params.put("mapped", outcome.mappedFields().toArray(String[]::new));
        params.put("header", outcome.sourceHeader().toArray(String[]::new));
        params.put("columns", JSON.writeValueAsString(outcome.columnMap()));
        JobTransition transition = job.dryRun() ? JobTransition.RELEASE_PREVIEW : JobTransition.RELEASE;
        // rows refused at ingest took no apply time: the rate counts from this base
        if (!moves.move(job.id(), transition, """
                total_rows = :total, processed_rows = :errors, error_count = :errors, duplicate_count = :duplicates,
                batch_count = :batches, ingest_row = :total, encoding = :encoding, delimiter = :delimiter,
                warnings = :warnings::jsonb, mapped_fields = :mapped, source_header = :header,
                column_map = :columns::jsonb, atomic = :atomic, apply_started_at = clock_timestamp(),
                apply_base_rows = :errors""", params)) {
            throw new JobLeftIngesting(job.id());
        }
        if (job.dryRun()) {
            return;
        }
        window.offer(job, released, false);
        if (released.isEmpty()) {
            finishIfDone(job);
        }
    }

    /**
     * Batches released while the file is still being read (docs/architecture.md, "Apply while ingesting"):
     * the first ones move the job INGESTING → APPLYING with {@code still_reading}, so its last batch applied
     * does not end it; later ones add to its batches without a status change. Each batch gets its
     * IMPORT_BATCH_READY. The caller holds the job row's lock (the ingest's fence).
     *
     * @param releasedRows the rows whose batches now exist (the next release starts after them)
     * @throws JobLeftIngesting when the job is no longer being read (paused, cancelled, failed meanwhile)
     */
    public void releaseWhileReading(JobRef job, List<Batch> released, long duplicates, long releasedRows) {
        Map<String, Object> params = new HashMap<>();
        params.put("batches", released.size());
        params.put("duplicates", duplicates);
        params.put("released", releasedRows);
        String counts = "batch_count = batch_count + :batches, duplicate_count = duplicate_count + :duplicates,"
                + " released_rows = :released";
        // rows refused so far took no apply time: the rate counts from this base
        if (!moves.move(job.id(), JobTransition.RELEASE_WHILE_READING, counts + ", still_reading = true, "
                + APPLY_FROM_NOW, params)) {
            params.put("jobId", job.id());
            if (jdbc.sql("UPDATE import_jobs SET " + counts + ", updated_at = now() WHERE id = :jobId"
                    + " AND status = 'APPLYING' AND still_reading").params(params).update() != 1) {
                throw new JobLeftIngesting(job.id());
            }
        }
        window.offer(job, released, false);
    }

    /**
     * The end of a file whose batches began to apply while it was read: its last batches, its exact total,
     * and no more {@code still_reading}; the job completes here when every batch is in already.
     *
     * @throws JobLeftIngesting when the job is no longer being read
     */
    public void endReading(JobRef job, long totalRows, List<Batch> released, long duplicates) {
        if (jdbc.sql("""
                        UPDATE import_jobs SET still_reading = false, total_rows = :total, ingest_row = :total,
                               read_ended_at = clock_timestamp(), read_end_processed_rows = processed_rows,
                               released_rows = :total, batch_count = batch_count + :batches,
                               duplicate_count = duplicate_count + :duplicates, updated_at = now()
                        WHERE id = :id AND status = 'APPLYING' AND still_reading""")
                .param("total", totalRows).param("batches", released.size()).param("duplicates", duplicates)
                .param("id", job.id()).update() != 1) {
            throw new JobLeftIngesting(job.id());
        }
        window.offer(job, released, false);
        finishIfDone(job);
    }

    /**
     * A read that will not go on (its job is being cancelled): the rows it staged beyond its released
     * batches are dropped, and the job waits no longer for the rest of the file. Its in-file keys stay: the
     * caller forgets them after its commit ({@link InFileDuplicates#forgetKeysInPieces}), since deleting
     * millions here would hold the job row, and every applying batch's count with it, until the commit.
     */
    public void stopReading(JobRef job) {
        jdbc.sql("DELETE FROM " + StagingTable.of(job.kind()).name() + " WHERE job_id = :id"
                + " AND row_number > (SELECT released_rows FROM import_jobs WHERE id = :id)")
                .param("id", job.id()).update();
        jdbc.sql("UPDATE import_jobs SET still_reading = false, updated_at = now() WHERE id = :id")
                .param("id", job.id()).update();
    }

    /** An all-or-nothing import with a refused row: FAILED with every problem, its ingest counts kept. */
    public boolean refuse(JobRef job, IngestOutcome outcome, String reason) {
        Map<String, Object> params = new HashMap<>();
        params.put("total", outcome.totalRows());
        params.put("errors", outcome.refused());
        params.put("header", outcome.sourceHeader().toArray(String[]::new));
        params.put("columns", JSON.writeValueAsString(outcome.columnMap()));
        params.put("encoding", outcome.encoding());
        params.put("delimiter", outcome.delimiter());
        return fail(job, "ATOMIC_IMPORT_REFUSED", reason, "total_rows = :total, processed_rows = :total,"
                + " error_count = :errors, source_header = :header, column_map = :columns::jsonb,"
                + " encoding = :encoding, delimiter = :delimiter, atomic = true", params);
    }

    /** PREVIEW_READY → APPLYING: the staged batches are sent as they are, nothing is read again. */
    public void confirm(JobRef job) {
        if (!moves.move(job.id(), JobTransition.CONFIRM, APPLY_FROM_NOW)) {
            // read, not locked: the refused UPDATE may hold the row (a concurrent change re-checked under its
            // lock), and waiting here for the job's turn behind someone who waits for that row deadlocks
            throw new TransitionRefused("confirm", moves.status(job.id()));
        }
        List<Batch> pending = batches.of(job.id(), BatchStatus.PENDING);
        window.offer(job, pending, false);
        if (pending.isEmpty()) {
            finishIfDone(job);
        }
    }

    /**
     * Nothing running (not uploaded, a preview nobody confirmed, paused before its batches existed):
     * CANCELLED at once, what it staged dropped. Running: CANCELLING, and the worker stops at the next batch
     * boundary; paused while applying: CANCELLING too, and its pending batches are sent again for the worker
     * to skip, the last one finishing the cancel (a batch in flight when it paused may still commit, so only
     * the worker, counting under the job row's lock, can tell which batch is the last). An atomic job whose
     * rows are being applied cannot stop part-way: it would no longer be atomic. A paused job whose file was
     * still being read stops its read here ({@link #stopReading}): the caller forgets its keys after the commit.
     *
     * @return the status the job is in now
     */
    public JobStatus cancel(JobRef job) {
        // locked first: the worker moves a job on by itself (INGESTING → APPLYING), and a cancel decided on
        // a status read just before that move would be refused though the job is still cancellable
        JobMoves.Locked now = moves.lock(job.id());
        switch (now.status()) {
            case AWAITING_UPLOAD, PREVIEW_READY -> {
                moves.move(job.id(), JobTransition.CANCEL_AT_ONCE, "completed_at = clock_timestamp()");
                events.cancelled(job, moves.totals(job.id()));
                if (now.status() == JobStatus.PREVIEW_READY) {
                    dropStaged(job);
                    batches.skipPending(job.id());
                }
                return JobStatus.CANCELLED;
            }
            case APPLYING -> {
                if (now.atomic()) {
                    throw new TransitionRefused("cancel (it is atomic and its rows are being applied)", now.status());
                }
                moves.move(job.id(), JobTransition.REQUEST_CANCEL, null);
                return JobStatus.CANCELLING;
            }
            case PENDING, INGESTING -> {
                moves.move(job.id(), JobTransition.REQUEST_CANCEL, null);
                return JobStatus.CANCELLING;
            }
            case CANCELLING -> {
                return JobStatus.CANCELLING;
            }
            case PAUSED -> {
                return cancelPaused(job, now);
            }
            default -> throw new TransitionRefused("cancel", now.status());
        }
    }

    private JobStatus cancelPaused(JobRef job, JobMoves.Locked now) {
        if (now.batchCount() == 0) {
            // its ingest stopped at a checkpoint and holds nothing; a chunk still in flight meets the
            // cancel at its fence (the job row's lock) and commits nothing
            moves.move(job.id(), JobTransition.CANCEL_AT_ONCE, "completed_at = clock_timestamp()");
            events.cancelled(job, moves.totals(job.id()));
            dropStaged(job);
            return JobStatus.CANCELLED;
        }
        if (now.atomic()) {
            throw new TransitionRefused("cancel (it is atomic and its rows are being applied)", now.status());
        }
        moves.move(job.id(), JobTransition.REQUEST_CANCEL, null);
        if (now.stillReading()) {
            // its read stopped at a checkpoint when it paused and will not go on: nothing else would end it
            stopReading(job);
        }
        List<Batch> pending = batches.of(job.id(), BatchStatus.PENDING);
        window.offer(job, pending, true);
        if (pending.isEmpty() && finishIfDone(job)) {
            return JobStatus.CANCELLED;
        }
        return JobStatus.CANCELLING;
    }

    /**
     * PENDING, INGESTING or APPLYING → PAUSED: nothing new is claimed for the job. A batch already being
     * applied finishes; the ingest stops at its next chunk boundary, the chunks before it committed with
     * their checkpoint. Work messages that arrive meanwhile are consumed without effect: {@link #resume}
     * sends the work again. Pausing a paused job changes nothing. An atomic job whose rows are being applied
     * is not paused: half of it would stay visible for as long as the pause lasts.
     *
     * @return the status the job is in now (PAUSED)
     */
    public JobStatus pause(JobRef job) {
        // locked first, as for cancel: the worker's own INGESTING → APPLYING must not slip in between
        JobMoves.Locked now = moves.lock(job.id());
        if (now.status() == JobStatus.PAUSED) {
            return JobStatus.PAUSED;
        }
        if (now.status() == JobStatus.APPLYING && now.atomic()) {
            throw new TransitionRefused("pause (it is atomic and its rows are being applied)", now.status());
        }
        if (!JobTransition.PAUSE.from().contains(now.status())) {
            throw new TransitionRefused("pause", now.status());
        }
        moves.move(job.id(), JobTransition.PAUSE, null);
        events.paused(job, moves.totals(job.id()), now.status());
        // its batches in flight no longer hold its tenant's slots: the tenant's other jobs take them
        window.refill(job.tenant());
        log.info("job {} PAUSED (was {})", job.id(), now.status());
        return JobStatus.PAUSED;
    }

    /**
     * PAUSED → on where it stopped. Before its batches existed: PENDING, and IMPORT_JOB_STARTED ({@code resent})
     * sends a worker to read on from the checkpoint, as a retry does. Else APPLYING, the rate counting from
     * now, and each pending batch announced again ({@code resent}): the messages that came during the pause
     * were consumed without effect. A batch that was in flight and is still pending goes out again too; the
     * batch's row lock and status make the second message a no-op once the first committed.
     *
     * @return the status the job is in now
     */
    public JobStatus resume(JobRef job, String objectKey) {
        JobMoves.Locked now = moves.lock(job.id());
        if (now.status() != JobStatus.PAUSED) {
            throw new TransitionRefused("resume", now.status());
        }
        if (now.batchCount() == 0) {
            moves.move(job.id(), JobTransition.RESUME_INGEST, null);
            events.resumed(job, moves.totals(job.id()), JobStatus.PENDING);
            events.started(job, objectKey, null, false, true, JobStatus.PENDING);
            log.info("job {} resumed: its ingest goes on from the checkpoint", job.id());
            return JobStatus.PENDING;
        }
        moves.move(job.id(), JobTransition.RESUME_APPLY, APPLY_FROM_NOW);
        events.resumed(job, moves.totals(job.id()), JobStatus.APPLYING);
        List<Batch> pending = batches.of(job.id(), BatchStatus.PENDING);
        window.offer(job, pending, true);
        if (now.stillReading()) {
            // paused while its first batches applied and its file was still being read: the read goes on too
            events.started(job, objectKey, null, false, true, JobStatus.APPLYING);
        }
        log.info("job {} resumed: {} pending batches sent again", job.id(), pending.size());
        if (pending.isEmpty() && finishIfDone(job)) {
            return moves.totals(job.id()).status();
        }
        return JobStatus.APPLYING;
    }

    /**
     * FAILED → again: a job that failed before its batches existed ingests again (from its checkpoint,
     * IMPORT_JOB_STARTED); otherwise its failed batches, and those held back while it was failed, are sent
     * again, the rate counting from now.
     */
    public void retry(JobRef job, String objectKey) {
        JobMoves.Locked now = moves.lock(job.id());
        List<Batch> unfinished = batches.of(job.id(), BatchStatus.FAILED, BatchStatus.PENDING);
        if (unfinished.isEmpty() && now.batchCount() == 0) {
            if (!moves.move(job.id(), JobTransition.RETRY_INGEST, CLEAR_FAILURE + ", attempt = attempt + 1")) {
                throw new TransitionRefused("retry", now.status());
            }
            events.started(job, objectKey, null, true, false, JobStatus.PENDING);
            return;
        }
        if (!moves.move(job.id(), JobTransition.RETRY_APPLY, CLEAR_FAILURE + ", attempt = attempt + 1, " + APPLY_FROM_NOW)) {
            throw new TransitionRefused("retry", now.status());
        }
        batches.reopenFailed(job.id());
        window.offer(job, unfinished, false);
        if (now.stillReading()) {
            // failed while its first batches applied and its file was still being read: it reads on from there
            events.started(job, objectKey, null, true, false, JobStatus.APPLYING);
        }
        if (unfinished.isEmpty()) {
            finishIfDone(job);
        }
    }

    /**
     * A finished import whose images partly failed: IMPORT_IMAGES_RETRY sends a worker to fetch those images again
     * (docs/architecture.md, "Product images"). The job keeps its status; its rows are not imported again.
     *
     * @return false when none of its images failed: nothing to retry, nothing sent
     * @throws TransitionRefused when the job has not finished (COMPLETED or COMPLETED_WITH_ERRORS)
     */
    public boolean retryImages(JobRef job) {
        JobMoves.Locked now = moves.lock(job.id());
        if (now.status() != JobStatus.COMPLETED && now.status() != JobStatus.COMPLETED_WITH_ERRORS) {
            throw new TransitionRefused("retry", now.status());
        }
        long failed = jdbc.sql("SELECT images_failed FROM import_jobs WHERE id = :id").param("id", job.id())
                .query(Long.class).single();
        if (failed == 0) {
            return false;
        }
        events.imagesRetry(job, now.status());
        log.info("job {}: its {} failed images are fetched again", job.id(), failed);
        return true;
    }

    /** A dead-lettered batch redriven: FAILED → APPLYING, and the batches held back meanwhile go out again. */
    public boolean redriveApply(JobRef job, UUID batchId) {
        batches.reopen(batchId);
        if (!moves.move(job.id(), JobTransition.REDRIVE_APPLY, CLEAR_FAILURE)) {
            return false;
        }
        List<Batch> heldBack = batches.of(job.id(), BatchStatus.PENDING).stream()
                .filter(batch -> !batch.id().equals(batchId)).toList();
        window.offer(job, heldBack, true);
        return true;
    }

    /**
     * A dead-lettered ingest redriven: FAILED → PENDING (the dead letter itself goes back to work); APPLYING when
     * its first batches went out while it was read.
     */
    public boolean redriveIngest(JobRef job) {
        JobMoves.Locked now = moves.lock(job.id());
        if (now.stillReading()) {
            // its first batches went out while it was read: it goes on APPLYING, its read beside the apply, and
            // the batches held back while it was failed go out again
            if (!moves.move(job.id(), JobTransition.REDRIVE_APPLY, CLEAR_FAILURE)) {
                return false;
            }
            window.offer(job, batches.of(job.id(), BatchStatus.PENDING), true);
            return true;
        }
        return moves.move(job.id(), JobTransition.REDRIVE_INGEST, CLEAR_FAILURE);
    }

    /** Reads the counters under the job row's lock, so exactly one transaction sees the end. */
    public boolean finishIfDone(JobRef job) {
        return finish(job, moves.lockedTotals(job.id()));
    }

    /**
     * Once every batch is in: COMPLETED (COMPLETED_WITH_ERRORS when any row was refused), or CANCELLED
     * when a cancel was asked for; each with its final counts in its event. A paused job whose last batch
     * was in flight when the pause came completes too: nothing is left to pause.
     *
     * @param totals read under the job row's lock
     */
    public boolean finish(JobRef job, JobTotals totals) {
        if (!totals.allBatchesDone()) {
            return false;
        }
        if (totals.status() == JobStatus.PAUSED && totals.batchCount() == 0) {
            // paused before its batches existed: its ingest is not over, there is nothing to finish
            return false;
        }
        if (totals.status() == JobStatus.CANCELLING) {
            if (!moves.move(job.id(), JobTransition.FINISH_CANCEL, "completed_at = clock_timestamp()")) {
                return false;
            }
            events.cancelled(job, totals);
            log.info("job {} CANCELLED after applying {}", job.id(), totals.counts(job.kind()));
            return true;
        }
        JobTransition transition = totals.errors() > 0 ? JobTransition.COMPLETE_WITH_ERRORS : JobTransition.COMPLETE;
        if (!moves.move(job.id(), transition, "completed_at = clock_timestamp()")) {
            return false;
        }
        events.completed(job, totals, transition.target());
        log.info("job {} {}: {}", job.id(), transition.target(), totals.counts(job.kind()));
        return true;
    }

    /** Fails a job with a reason its owner can act on, and IMPORT_JOB_FAILED with its counts so far. */
    public boolean fail(JobRef job, String code, String reason) {
        return fail(job, code, reason, null, null);
    }

    private boolean fail(JobRef job, String code, String reason, String assignments, Map<String, ?> params) {
        Map<String, Object> all = new HashMap<>();
        if (params != null) {
            all.putAll(params);
        }
        all.put("failureCode", code);
        all.put("failureReason", reason);
        if (!moves.move(job.id(), JobTransition.FAIL, "failure_code = :failureCode, failure_reason = :failureReason,"
                + " completed_at = clock_timestamp()" + (assignments == null ? "" : ", " + assignments), all)) {
            return false;
        }
        JobTotals totals = moves.totals(job.id());
        events.failed(job, totals, code, reason);
        if (totals.batchCount() > 0) {
            // its batches in flight no longer hold its tenant's slots
            window.refill(job.tenant());
        }
        // a reason may quote the file (its columns, a cell): one line, whatever the file holds
        log.info("job {} FAILED ({}): {}", job.id(), code, LogText.clean(reason));
        return true;
    }

    /** An unconfirmed preview past its time: CANCELLED, its staged rows dropped. */
    public boolean expirePreview(JobRef job) {
        if (!moves.move(job.id(), JobTransition.EXPIRE_PREVIEW,
                "completed_at = clock_timestamp(), failure_reason = 'the preview expired unconfirmed'")) {
            return false;
        }
        events.cancelled(job, moves.totals(job.id()));
        dropStaged(job);
        return true;
    }

    private void dropStaged(JobRef job) {
        jdbc.sql("DELETE FROM " + StagingTable.of(job.kind()).name() + " WHERE job_id = :id")
                .param("id", job.id()).update();
    }
}
