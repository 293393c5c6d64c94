package com.bulkimport.engine.job;

import com.bulkimport.engine.testing.EngineDatabase;
import com.bulkimport.engine.testing.TestJobs;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;
import org.junit.jupiter.api.RepeatedTest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.bulkimport.model.JobStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Callers racing on one job, each in its own transaction on its own connection, started together:
 * the row lock of the guarded statement lets exactly one of them make each change, and every
 * change writes its events once.
 */
class ConcurrentLifecycleIntegrationTest {

    private static final int CALLERS = 8;

    private final EngineDatabase db = EngineDatabase.shared();
    private final JobLifecycle lifecycle = db.lifecycle;
    private final TestJobs jobs = new TestJobs(db);

    /** Runs every task at the same moment; @return each one's outcome (a result, or the exception it threw). */
    private static List<Object> together(List<Callable<Object>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> List<Callable<Object>> times(int n, Callable<Object> task) {
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(task);
        }
        return tasks;
    }

    @RepeatedTest(3)
    void aPreviewConfirmedByManyAtOnceIsSentOnce() throws Exception {
        JobRef job = jobs.insert(ImportKind.CUSTOMERS, ImportMode.DRY_RUN, PREVIEW_READY);
        jobs.batch(job, 0, 10, "PENDING");
        jobs.batch(job, 1, 10, "PENDING");

        List<Object> outcomes = together(times(CALLERS, () -> {
            db.tx.executeWithoutResult(s -> lifecycle.confirm(job));
            return "confirmed";
        }));

        assertThat(outcomes).filteredOn("confirmed"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(TransitionRefused.class::isInstance).hasSize(CALLERS - 1)
                .allSatisfy(o -> assertThat(((TransitionRefused) o).status()).isEqualTo(APPLYING));
        assertThat(jobs.eventTypes(job)).containsExactly("IMPORT_BATCH_READY", "IMPORT_BATCH_READY");
    }

    @RepeatedTest(3)
    void theLastBatchesCountedInAtOnceEndTheJobOnce() throws Exception {
        JobRef job = jobs.insert(ImportKind.CUSTOMERS, ImportMode.COMMIT, APPLYING);
        jobs.set(job, "batch_count = " + CALLERS + ", total_rows = " + CALLERS * 10);

        // each caller is the worker of one batch: count it in (taking the row lock), then finish if it was the last
        List<Object> outcomes = together(times(CALLERS, () -> db.tx.execute(s -> {
            JobTotals totals = db.jdbc.sql("UPDATE import_jobs SET batches_done = batches_done + 1,"
                            + " processed_rows = processed_rows + 10, created_count = created_count + 10"
                            + " WHERE id = :id RETURNING " + JobTotals.COLUMNS)
                    .param("id", job.id()).query(JobTotals.ROW).single();
            return lifecycle.finish(job, totals);
        })));

        assertThat(outcomes).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(outcomes).filteredOn(Boolean.FALSE::equals).hasSize(CALLERS - 1);
        assertThat(jobs.status(job)).isEqualTo(COMPLETED);
        assertThat(jobs.onlyPayload(job)).containsEntry("created", (long) CALLERS * 10)
                .containsEntry("processed_rows", (long) CALLERS * 10);
    }

    @RepeatedTest(5)
    void aCancelRacingTheWorkersReleaseIsNeverRefused() throws Exception {
        JobRef job = jobs.insert(ImportKind.CUSTOMERS, ImportMode.COMMIT, INGESTING);
        IngestOutcome read = new IngestOutcome(10, 0, 0, false, "UTF-8", ",", List.of(), List.of("customer_ref"),
                List.of("customer_ref"), java.util.Map.of("customer_ref", "customer_ref"));
        var batch = jobs.batch(job, 0, 10, "PENDING");

        List<Object> outcomes = together(List.of(
                () -> db.tx.execute(s -> lifecycle.cancel(job)),
                () -> {
                    db.tx.executeWithoutResult(s -> lifecycle.release(job, read, List.of(batch)));
                    return "released";
                }));

        assertThat(outcomes.get(0)).as("the cancel, whichever came first").isEqualTo(CANCELLING);
        assertThat(jobs.status(job)).isEqualTo(CANCELLING);
        if ("released".equals(outcomes.get(1))) {
            assertThat(jobs.eventTypes(job)).containsExactly("IMPORT_BATCH_READY");
        } else {
            assertThat(outcomes.get(1)).as("the release found the job cancelled").isInstanceOf(JobLeftIngesting.class);
            assertThat(jobs.events(job)).isEmpty();
        }
    }

    @RepeatedTest(5)
    void aFailureRacingTheCompletionEndsTheJobOneWay() throws Exception {
        JobRef job = jobs.insert(ImportKind.CUSTOMERS, ImportMode.COMMIT, APPLYING);
        jobs.set(job, "batch_count = 1, batches_done = 1, total_rows = 1, processed_rows = 1, created_count = 1");

        List<Object> outcomes = together(List.of(
                () -> db.tx.execute(s -> lifecycle.finishIfDone(job)),
                () -> db.tx.execute(s -> lifecycle.fail(job, "STUCK", "no progress"))));

        assertThat(outcomes).containsExactlyInAnyOrder(true, false);
        JobStatus ended = jobs.status(job);
        assertThat(ended).isIn(COMPLETED, FAILED);
        assertThat(jobs.eventTypes(job)).containsExactly(ended == COMPLETED ? "IMPORT_JOB_COMPLETED" : "IMPORT_JOB_FAILED");
    }
}
