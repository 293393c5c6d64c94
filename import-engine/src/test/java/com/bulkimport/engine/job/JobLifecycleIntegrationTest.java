package com.bulkimport.engine.job;

import com.bulkimport.engine.batch.Batch;
import com.bulkimport.engine.testing.EngineDatabase;
import com.bulkimport.engine.testing.TestJobs;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static com.bulkimport.model.JobStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * Every lifecycle operation from every status: where it moves the job and which events it writes,
 * and that it moves nothing and writes nothing from a status it may not start from. The expected
 * outcomes are this test's own table (docs/architecture.md, "Job lifecycle"), not read from the code.
 */
class JobLifecycleIntegrationTest {

    private final EngineDatabase db = EngineDatabase.shared();
    private final JobLifecycle lifecycle = db.lifecycle;
    private final TestJobs jobs = new TestJobs(db);

    private JobRef job(JobStatus status) {
        return jobs.insert(ImportKind.CUSTOMERS, ImportMode.COMMIT, status);
    }

    private JobStatus cancel(JobRef job) {
        return db.tx.execute(s -> lifecycle.cancel(job));
    }

    private void assertUntouched(JobRef job, JobStatus status) {
        assertThat(jobs.status(job)).isEqualTo(status);
        assertThat(jobs.events(job)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void startMovesOnlyAnUploadedJobToPending(JobStatus from) {
        JobRef job = job(from);

        boolean moved = db.tx.execute(s -> lifecycle.start(job, "imports/x/file.csv"));

        if (from == AWAITING_UPLOAD) {
            assertThat(moved).isTrue();
            assertThat(jobs.status(job)).isEqualTo(PENDING);
            assertThat(jobs.column(job, "started_at")).isNotNull();
            assertThat(jobs.onlyPayload(job)).containsOnly(entry("job_id", job.id().toString()),
                    entry("kind", "customers"), entry("tenant", jobs.tenant), entry("owner", "owner-1"),
                    entry("object_key", "imports/x/file.csv"), entry("mode", "COMMIT"), entry("priority", "normal"));
            assertThat(jobs.events(job).get(0).eventType()).isEqualTo("IMPORT_JOB_STARTED");
            assertThat(jobs.events(job).get(0).status()).isEqualTo("PENDING");
        } else {
            assertThat(moved).isFalse();
            assertUntouched(job, from);
        }
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void beginIngestMovesOnlyAPendingJob(JobStatus from) {
        JobRef job = job(from);

        boolean moved = lifecycle.beginIngest(job.id());

        assertThat(moved).isEqualTo(from == PENDING);
        assertThat(jobs.status(job)).isEqualTo(from == PENDING ? INGESTING : from);
        assertThat(jobs.events(job)).isEmpty();
    }

    private static IngestOutcome outcome(long total, long refused, long duplicates) {
        return new IngestOutcome(total, refused, duplicates, false, "UTF-8", ",", List.of("a warning"),
                List.of("customer_ref", "name"), List.of("Customer", "Name"),
                Map.of("Customer", "customer_ref", "Name", "name"));
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void releaseMovesOnlyAnIngestingJobAndAnnouncesEachBatch(JobStatus from) {
        JobRef job = job(from);
        Batch first = jobs.batch(job, 0, 1000, "PENDING");
        Batch second = jobs.batch(job, 1, 400, "PENDING");

        if (from != INGESTING) {
            assertThatThrownBy(() -> db.tx.executeWithoutResult(s ->
                    lifecycle.release(job, outcome(1402, 2, 0), List.of(first, second))))
                    .isInstanceOf(JobLeftIngesting.class);
            assertUntouched(job, from);
            return;
        }
        db.tx.executeWithoutResult(s -> lifecycle.release(job, outcome(1402, 2, 0), List.of(first, second)));

        assertThat(jobs.status(job)).isEqualTo(APPLYING);
        assertThat(jobs.column(job, "total_rows")).isEqualTo(1402L);
        assertThat(jobs.column(job, "processed_rows")).as("refused rows count as processed").isEqualTo(2L);
        assertThat(jobs.column(job, "apply_base_rows")).isEqualTo(2L);
        assertThat(jobs.column(job, "batch_count")).isEqualTo(2);
        assertThat(jobs.eventTypes(job)).containsExactly("IMPORT_BATCH_READY", "IMPORT_BATCH_READY");
        assertThat(jobs.events(job).get(1).payload()).containsEntry("batch_id", second.id().toString())
                .containsEntry("seq", 1).containsEntry("row_count", 400).doesNotContainKey("resent");
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void aReleaseWithoutBatchesCompletesAtOnceAndADryRunWaitsForItsConfirmation(JobStatus from) {
        JobRef commit = job(from);
        JobRef dryRun = jobs.insert(ImportKind.CUSTOMERS, ImportMode.DRY_RUN, from);
        if (from != INGESTING) {
            return;
        }
        db.tx.executeWithoutResult(s -> lifecycle.release(commit, outcome(3, 3, 0), List.of()));
        db.tx.executeWithoutResult(s -> lifecycle.release(dryRun, outcome(3, 0, 0), List.of()));

        assertThat(jobs.status(commit)).isEqualTo(COMPLETED_WITH_ERRORS);
        assertThat(jobs.eventTypes(commit)).containsExactly("IMPORT_JOB_COMPLETED");
        assertThat(jobs.status(dryRun)).isEqualTo(PREVIEW_READY);
        assertThat(jobs.events(dryRun)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void confirmMovesOnlyAPreviewAndSendsItsBatches(JobStatus from) {
        JobRef job = jobs.insert(ImportKind.CUSTOMERS, ImportMode.DRY_RUN, from);
        jobs.batch(job, 0, 10, "PENDING");
        jobs.batch(job, 1, 10, "PENDING");

        if (from != PREVIEW_READY) {
            assertThatThrownBy(() -> db.tx.executeWithoutResult(s -> lifecycle.confirm(job)))
                    .isInstanceOfSatisfying(TransitionRefused.class, e -> assertThat(e.status()).isEqualTo(from));
            assertUntouched(job, from);
            return;
        }
        db.tx.executeWithoutResult(s -> lifecycle.confirm(job));

        assertThat(jobs.status(job)).isEqualTo(APPLYING);
        assertThat(jobs.column(job, "apply_started_at")).isNotNull();
        assertThat(jobs.eventTypes(job)).containsExactly("IMPORT_BATCH_READY", "IMPORT_BATCH_READY");
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void cancelStopsWhatCanStop(JobStatus from) {
        JobRef job = job(from);
        Batch staged = jobs.batch(job, 0, 10, "PENDING");

        switch (from) {
            case AWAITING_UPLOAD, PREVIEW_READY -> {
                assertThat(cancel(job)).isEqualTo(CANCELLED);
                assertThat(jobs.status(job)).isEqualTo(CANCELLED);
                assertThat(jobs.eventTypes(job)).containsExactly("IMPORT_JOB_CANCELLED");
                assertThat(jobs.batchStatus(staged)).isEqualTo(from == PREVIEW_READY ? "SKIPPED" : "PENDING");
            }
            case PENDING, INGESTING, APPLYING, CANCELLING -> {
                assertThat(cancel(job)).isEqualTo(CANCELLING);
                assertUntouched(job, CANCELLING);
            }
            case PAUSED -> {
                // paused while applying: the worker skips the pending batches, sent again, and the last one ends it
                assertThat(cancel(job)).isEqualTo(CANCELLING);
                assertThat(jobs.status(job)).isEqualTo(CANCELLING);
                assertThat(jobs.events(job)).extracting(e -> e.eventType(), e -> e.payload().get("batch_id"),
                        e -> e.payload().get("resent")).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "IMPORT_BATCH_READY", staged.id().toString(), true));
                assertThat(jobs.batchStatus(staged)).isEqualTo("PENDING");
            }
            default -> {
                assertThatThrownBy(() -> cancel(job))
                        .isInstanceOfSatisfying(TransitionRefused.class, e -> assertThat(e.status()).isEqualTo(from));
                assertUntouched(job, from);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"PENDING", "INGESTING", "APPLYING"})
    void anAtomicJobCannotBeCancelledOnlyWhileItsRowsAreApplied(JobStatus from) {
        JobRef job = job(from);
        jobs.set(job, "atomic = true");

        if (from == APPLYING) {
            assertThatThrownBy(() -> cancel(job))
                    .isInstanceOf(TransitionRefused.class).hasMessageContaining("atomic");
            assertUntouched(job, APPLYING);
        } else {
            assertThat(cancel(job)).isEqualTo(CANCELLING);
        }
    }

    @Test
    void aJobPausedBeforeItsBatchesExistedIsCancelledAtOnce() {
        JobRef job = job(PAUSED);
        jobs.set(job, "total_rows = 40, processed_rows = 0, ingest_row = 40");

        assertThat(cancel(job)).isEqualTo(CANCELLED);

        assertThat(jobs.status(job)).isEqualTo(CANCELLED);
        assertThat(jobs.column(job, "completed_at")).isNotNull();
        assertThat(jobs.onlyPayload(job)).containsOnly(entry("job_id", job.id().toString()),
                entry("kind", "customers"), entry("tenant", jobs.tenant), entry("owner", "owner-1"),
                entry("total_rows", 40L), entry("processed_rows", 0L), entry("created", 0L), entry("updated", 0L),
                entry("unchanged", 0L), entry("duplicates", 0L), entry("errors", 0L));
    }

    @Test
    void aPausedJobWithEveryBatchInIsCancelledAtOnce() {
        JobRef job = job(PAUSED);
        jobs.batch(job, 0, 10, "DONE");
        jobs.set(job, "batches_done = 1, total_rows = 10, processed_rows = 10, created_count = 10");

        assertThat(cancel(job)).isEqualTo(CANCELLED);

        assertThat(jobs.status(job)).isEqualTo(CANCELLED);
        assertThat(jobs.eventTypes(job)).containsExactly("IMPORT_JOB_CANCELLED");
        assertThat(jobs.events(job).get(0).payload()).containsEntry("created", 10);
    }

    @Test
    void anAtomicJobPausedWhileApplyingCannotBeCancelled() {
        JobRef job = job(PAUSED);
        jobs.batch(job, 0, 10, "PENDING");
        jobs.set(job, "atomic = true");

        assertThatThrownBy(() -> cancel(job)).isInstanceOf(TransitionRefused.class).hasMessageContaining("atomic");
        assertUntouched(job, PAUSED);
    }

    private JobStatus pause(JobRef job) {
        return db.tx.execute(s -> lifecycle.pause(job));
    }

    private JobStatus resume(JobRef job) {
        return db.tx.execute(s -> lifecycle.resume(job, "imports/k"));
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void pauseHoldsOnlyAJobThatRuns(JobStatus from) {
        JobRef job = job(from);
        jobs.set(job, "total_rows = 30, processed_rows = 10, created_count = 10");

        switch (from) {
            case PENDING, INGESTING, APPLYING -> {
                assertThat(pause(job)).isEqualTo(PAUSED);
                assertThat(jobs.status(job)).isEqualTo(PAUSED);
                assertThat(jobs.onlyPayload(job)).containsOnly(entry("job_id", job.id().toString()),
                        entry("kind", "customers"), entry("tenant", jobs.tenant), entry("owner", "owner-1"),
                        entry("paused_from", from.name()), entry("total_rows", 30L), entry("processed_rows", 10L),
                        entry("created", 10L), entry("updated", 0L), entry("unchanged", 0L), entry("duplicates", 0L),
                        entry("errors", 0L));
                assertThat(jobs.events(job).get(0).eventType()).isEqualTo("IMPORT_JOB_PAUSED");
                assertThat(jobs.events(job).get(0).status()).isEqualTo("PAUSED");
            }
            case PAUSED -> {
                assertThat(pause(job)).as("pausing again changes nothing").isEqualTo(PAUSED);
                assertUntouched(job, PAUSED);
            }
            default -> {
                assertThatThrownBy(() -> pause(job))
                        .isInstanceOfSatisfying(TransitionRefused.class, e -> assertThat(e.status()).isEqualTo(from));
                assertUntouched(job, from);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"PENDING", "INGESTING", "APPLYING"})
    void anAtomicJobCannotBePausedOnlyWhileItsRowsAreApplied(JobStatus from) {
        JobRef job = job(from);
        jobs.set(job, "atomic = true");

        if (from == APPLYING) {
            assertThatThrownBy(() -> pause(job)).isInstanceOf(TransitionRefused.class).hasMessageContaining("atomic");
            assertUntouched(job, APPLYING);
        } else {
            assertThat(pause(job)).isEqualTo(PAUSED);
        }
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void resumeSendsAPausedIngestOnFromItsCheckpoint(JobStatus from) {
        JobRef job = job(from);
        jobs.set(job, "ingest_row = 4000, ingest_offset = 123456");

        if (from != PAUSED) {
            assertThatThrownBy(() -> resume(job))
                    .isInstanceOfSatisfying(TransitionRefused.class, e -> assertThat(e.status()).isEqualTo(from));
            assertUntouched(job, from);
            return;
        }
        assertThat(resume(job)).isEqualTo(PENDING);

        assertThat(jobs.status(job)).isEqualTo(PENDING);
        assertThat(jobs.column(job, "ingest_row")).as("the checkpoint stays").isEqualTo(4000L);
        assertThat(jobs.events(job)).extracting(e -> e.eventType(), e -> e.status())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("IMPORT_JOB_RESUMED", "PENDING"),
                        org.assertj.core.groups.Tuple.tuple("IMPORT_JOB_STARTED", "PENDING"));
        assertThat(jobs.events(job).get(1).payload()).containsEntry("object_key", "imports/k")
                .containsEntry("resent", true).doesNotContainKeys("mode", "retry");
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void resumeSendsAgainThePendingBatchesOfAJobPausedWhileApplying(JobStatus from) {
        JobRef job = job(from);
        jobs.batch(job, 0, 10, "DONE");
        Batch second = jobs.batch(job, 1, 10, "PENDING");
        Batch third = jobs.batch(job, 2, 10, "PENDING");
        jobs.set(job, "batches_done = 1, processed_rows = 10, apply_base_rows = 0,"
                + " apply_started_at = now() - interval '1 hour'");

        if (from != PAUSED) {
            assertThatThrownBy(() -> resume(job)).isInstanceOf(TransitionRefused.class);
            assertUntouched(job, from);
            return;
        }
        assertThat(resume(job)).isEqualTo(APPLYING);

        assertThat(jobs.status(job)).isEqualTo(APPLYING);
        assertThat(jobs.column(job, "apply_base_rows")).as("the rate counts from the resume").isEqualTo(10L);
        assertThat(db.jdbc.sql("SELECT apply_started_at > now() - interval '1 minute' FROM import_jobs WHERE id = :id")
                .param("id", job.id()).query(Boolean.class).single()).isTrue();
        assertThat(jobs.events(job)).extracting(e -> e.eventType(), e -> e.payload().get("batch_id"),
                e -> e.payload().get("resent")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("IMPORT_JOB_RESUMED", null, null),
                org.assertj.core.groups.Tuple.tuple("IMPORT_BATCH_READY", second.id().toString(), true),
                org.assertj.core.groups.Tuple.tuple("IMPORT_BATCH_READY", third.id().toString(), true));
        assertThat(jobs.events(job).get(0).status()).isEqualTo("APPLYING");
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void retryIngestsAgainAJobThatFailedBeforeItsBatches(JobStatus from) {
        JobRef job = job(from);
        jobs.set(job, "failure_code = 'X', failure_reason = 'why', attempt = 1");

        if (from != FAILED) {
            assertThatThrownBy(() -> db.tx.executeWithoutResult(s -> lifecycle.retry(job, "imports/k")))
                    .isInstanceOfSatisfying(TransitionRefused.class, e -> assertThat(e.status()).isEqualTo(from));
            assertUntouched(job, from);
            return;
        }
        db.tx.executeWithoutResult(s -> lifecycle.retry(job, "imports/k"));

        assertThat(jobs.status(job)).isEqualTo(PENDING);
        assertThat(jobs.column(job, "failure_reason")).isNull();
        assertThat(jobs.column(job, "attempt")).isEqualTo(2);
        assertThat(jobs.onlyPayload(job)).containsEntry("object_key", "imports/k").containsEntry("retry", true)
                .doesNotContainKey("mode");
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void retryAppliesAgainTheFailedAndHeldBackBatches(JobStatus from) {
        JobRef job = job(from);
        jobs.batch(job, 0, 10, "DONE");
        Batch failed = jobs.batch(job, 1, 10, "FAILED");
        Batch heldBack = jobs.batch(job, 2, 10, "PENDING");

        if (from != FAILED) {
            assertThatThrownBy(() -> db.tx.executeWithoutResult(s -> lifecycle.retry(job, "imports/k")))
                    .isInstanceOf(TransitionRefused.class);
            assertUntouched(job, from);
            assertThat(jobs.batchStatus(failed)).isEqualTo("FAILED");
            return;
        }
        db.tx.executeWithoutResult(s -> lifecycle.retry(job, "imports/k"));

        assertThat(jobs.status(job)).isEqualTo(APPLYING);
        assertThat(jobs.batchStatus(failed)).isEqualTo("PENDING");
        assertThat(jobs.events(job)).extracting(e -> e.payload().get("batch_id"))
                .containsExactly(failed.id().toString(), heldBack.id().toString());
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void redriveRevivesOnlyAFailedJob(JobStatus from) {
        JobRef applying = job(from);
        Batch dead = jobs.batch(applying, 0, 10, "FAILED");
        Batch heldBack = jobs.batch(applying, 1, 10, "PENDING");
        JobRef ingesting = job(from);

        boolean batchRedriven = db.tx.execute(s -> lifecycle.redriveApply(applying, dead.id()));
        boolean ingestRedriven = db.tx.execute(s -> lifecycle.redriveIngest(ingesting));

        assertThat(batchRedriven).isEqualTo(from == FAILED);
        assertThat(ingestRedriven).isEqualTo(from == FAILED);
        assertThat(jobs.status(applying)).isEqualTo(from == FAILED ? APPLYING : from);
        assertThat(jobs.status(ingesting)).isEqualTo(from == FAILED ? PENDING : from);
        assertThat(jobs.events(ingesting)).as("the dead letter itself goes back to work").isEmpty();
        if (from == FAILED) {
            assertThat(jobs.events(applying)).extracting(e -> e.payload().get("batch_id"), e -> e.payload().get("resent"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(heldBack.id().toString(), true));
        } else {
            assertThat(jobs.events(applying)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void finishEndsOnlyAJobWhoseBatchesAreAllIn(JobStatus from) {
        JobRef clean = job(from);
        jobs.set(clean, "batch_count = 2, batches_done = 2, total_rows = 5, processed_rows = 5, created_count = 5");
        JobRef withErrors = job(from);
        jobs.set(withErrors, "batch_count = 1, batches_done = 1, total_rows = 5, processed_rows = 5,"
                + " created_count = 4, error_count = 1");
        JobRef notYet = job(from);
        jobs.set(notYet, "batch_count = 2, batches_done = 1");

        boolean cleanEnded = db.tx.execute(s -> lifecycle.finishIfDone(clean));
        boolean erroredEnded = db.tx.execute(s -> lifecycle.finishIfDone(withErrors));
        boolean notYetEnded = db.tx.execute(s -> lifecycle.finishIfDone(notYet));

        assertThat(notYetEnded).isFalse();
        assertUntouched(notYet, from);
        switch (from) {
            case APPLYING -> {
                assertThat(cleanEnded).isTrue();
                assertThat(jobs.status(clean)).isEqualTo(COMPLETED);
                assertThat(jobs.onlyPayload(clean)).containsOnly(entry("job_id", clean.id().toString()),
                        entry("kind", "customers"), entry("tenant", jobs.tenant), entry("owner", "owner-1"),
                        entry("total_rows", 5L), entry("processed_rows", 5L), entry("created", 5L),
                        entry("updated", 0L), entry("unchanged", 0L), entry("duplicates", 0L), entry("errors", 0L));
                assertThat(erroredEnded).isTrue();
                assertThat(jobs.status(withErrors)).isEqualTo(COMPLETED_WITH_ERRORS);
                assertThat(jobs.events(withErrors).get(0).status()).isEqualTo("COMPLETED_WITH_ERRORS");
            }
            case CANCELLING -> {
                assertThat(cleanEnded).isTrue();
                assertThat(jobs.status(clean)).isEqualTo(CANCELLED);
                assertThat(jobs.eventTypes(clean)).containsExactly("IMPORT_JOB_CANCELLED");
            }
            case PAUSED -> {
                // its last batch was in flight when the pause came: nothing is left to pause
                assertThat(cleanEnded).isTrue();
                assertThat(jobs.status(clean)).isEqualTo(COMPLETED);
                assertThat(jobs.eventTypes(clean)).containsExactly("IMPORT_JOB_COMPLETED");
                assertThat(erroredEnded).isTrue();
                assertThat(jobs.status(withErrors)).isEqualTo(COMPLETED_WITH_ERRORS);
            }
            default -> {
                assertThat(cleanEnded).isFalse();
                assertThat(erroredEnded).isFalse();
                assertUntouched(clean, from);
                assertUntouched(withErrors, from);
            }
        }
    }

    @Test
    void aJobPausedBeforeItsBatchesExistedIsNotFinished() {
        JobRef job = job(PAUSED);

        boolean finished = db.tx.execute(s -> lifecycle.finishIfDone(job));

        assertThat(finished).as("no batch yet is not every batch in").isFalse();
        assertUntouched(job, PAUSED);
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void failEndsAnyJobThatHasNotStopped(JobStatus from) {
        JobRef job = job(from);

        boolean failed = db.tx.execute(s -> lifecycle.fail(job, "BROKEN", "it broke"));

        boolean running = from != COMPLETED && from != COMPLETED_WITH_ERRORS && from != CANCELLED && from != FAILED;
        assertThat(failed).isEqualTo(running);
        if (running) {
            assertThat(jobs.status(job)).isEqualTo(FAILED);
            assertThat(jobs.column(job, "failure_code")).isEqualTo("BROKEN");
            assertThat(jobs.onlyPayload(job)).containsEntry("failure_code", "BROKEN")
                    .containsEntry("failure_reason", "it broke").containsEntry("processed_rows", 0L)
                    .doesNotContainKeys("total_rows", "items");
        } else {
            assertUntouched(job, from);
        }
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void onlyAnUnconfirmedPreviewExpires(JobStatus from) {
        JobRef job = job(from);

        boolean expired = db.tx.execute(s -> lifecycle.expirePreview(job));

        assertThat(expired).isEqualTo(from == PREVIEW_READY);
        if (expired) {
            assertThat(jobs.status(job)).isEqualTo(CANCELLED);
            assertThat(jobs.column(job, "failure_reason")).isEqualTo("the preview expired unconfirmed");
            assertThat(jobs.eventTypes(job)).containsExactly("IMPORT_JOB_CANCELLED");
        } else {
            assertUntouched(job, from);
        }
    }

    @Test
    void anEndOfJobEventCarriesItemsForPurchasesOnly() {
        JobRef purchases = jobs.insert(ImportKind.PURCHASES, ImportMode.COMMIT, APPLYING);
        jobs.set(purchases, "item_count = 7");
        db.tx.execute(s -> lifecycle.fail(purchases, "X", "y"));
        assertThat(jobs.onlyPayload(purchases)).containsEntry("items", 7L);
    }
}
