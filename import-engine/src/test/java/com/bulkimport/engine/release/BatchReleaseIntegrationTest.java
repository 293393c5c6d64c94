package com.bulkimport.engine.release;

import com.bulkimport.engine.batch.Batch;
import com.bulkimport.engine.job.JobLeftIngesting;
import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.staging.StagingSummary;
import com.bulkimport.engine.testing.EngineDatabase;
import com.bulkimport.engine.testing.Staging;
import com.bulkimport.engine.testing.TestJobs;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** From staged rows to batches: duplicates marked, batches cut and announced, the job moved on with its counts. */
class BatchReleaseIntegrationTest {

    private static final List<String> HEADER = List.of("customer_ref", "name");

    private final EngineDatabase db = EngineDatabase.shared();
    private final TestJobs jobs = new TestJobs(db);
    private final Staging staging = new Staging(db);

    private List<Batch> stageAndRelease(JobRef job, int batchSize, List<List<String>> rows) {
        return db.tx.execute(s -> {
            StagingSummary summary = staging.stage(job, batchSize, HEADER, rows);
            return db.release.release(job, summary, batchSize);
        });
    }

    @Test
    void cutsBatchesInFileOrderAndTheFirstOccurrenceWinsAcrossThem() {
        JobRef job = jobs.insert(ImportKind.CUSTOMERS, ImportMode.COMMIT, JobStatus.INGESTING);
        List<List<String>> rows = List.of(
                List.of("C1", "Ann"),   // 1: batch 0
                List.of("C2", "Bo"),    // 2: batch 0
                List.of("C1", "Ann"),   // 3: batch 1, same record as row 1
                List.of("C3", "Cy"),    // 4: batch 1
                List.of("C4", ""),      // 5: refused (name is required), staged nowhere
                List.of("C2", "Bob"));  // 6: batch 2, same record as row 2

        List<Batch> batches = stageAndRelease(job, 2, rows);

        assertThat(batches).extracting(Batch::seq, Batch::rowCount).containsExactly(tuple(0, 2), tuple(1, 2), tuple(2, 1));
        assertThat(jobs.status(job)).isEqualTo(JobStatus.APPLYING);
        assertThat(jobs.column(job, "total_rows")).isEqualTo(6L);
        assertThat(jobs.column(job, "error_count")).isEqualTo(1L);
        assertThat(jobs.column(job, "processed_rows")).isEqualTo(1L);
        assertThat(jobs.column(job, "duplicate_count")).isEqualTo(2L);
        assertThat(jobs.column(job, "batch_count")).isEqualTo(3);
        assertThat(db.jdbc.sql("SELECT row_number, duplicate_of FROM staging_customers WHERE job_id = :job"
                        + " AND duplicate_of IS NOT NULL ORDER BY row_number").param("job", job.id())
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).list())
                .containsExactly(List.of(3L, 1L), List.of(6L, 2L));
        assertThat(db.jdbc.sql("SELECT row_number, code, message FROM import_row_errors WHERE job_id = :job"
                        + " AND code = 'DUPLICATE_IN_FILE' ORDER BY row_number").param("job", job.id())
                .query((rs, n) -> rs.getLong(1) + " " + rs.getString(3)).list())
                .containsExactly("3 same record as row 1; the first occurrence is imported",
                        "6 same record as row 2; the first occurrence is imported");
        assertThat(jobs.events(job)).extracting(e -> e.eventType(), e -> e.payload().get("seq"),
                        e -> e.payload().get("row_count"))
                .containsExactly(tuple("IMPORT_BATCH_READY", 0, 2), tuple("IMPORT_BATCH_READY", 1, 2),
                        tuple("IMPORT_BATCH_READY", 2, 1));
    }

    @Test
    void aFileOfRefusedRowsOnlyCompletesWithErrorsAtOnce() {
        JobRef job = jobs.insert(ImportKind.CUSTOMERS, ImportMode.COMMIT, JobStatus.INGESTING);

        List<Batch> batches = stageAndRelease(job, 100, List.of(List.of("C1", ""), List.of("", "Nobody")));

        assertThat(batches).isEmpty();
        assertThat(jobs.status(job)).isEqualTo(JobStatus.COMPLETED_WITH_ERRORS);
        assertThat(jobs.onlyPayload(job)).containsEntry("total_rows", 2L).containsEntry("errors", 2L)
                .containsEntry("processed_rows", 2L).containsEntry("created", 0L);
    }

    @Test
    void aJobCancelledWhileItsFileWasReadReleasesNothing() {
        JobRef job = jobs.insert(ImportKind.CUSTOMERS, ImportMode.COMMIT, JobStatus.CANCELLING);

        assertThatThrownBy(() -> stageAndRelease(job, 100, List.of(List.of("C1", "Ann"))))
                .isInstanceOf(JobLeftIngesting.class);

        assertThat(jobs.status(job)).isEqualTo(JobStatus.CANCELLING);
        assertThat(jobs.events(job)).isEmpty();
        assertThat(db.jdbc.sql("SELECT count(*) FROM import_batches WHERE job_id = :job").param("job", job.id())
                .query(Long.class).single()).as("rolled back with the release").isZero();
    }
}
