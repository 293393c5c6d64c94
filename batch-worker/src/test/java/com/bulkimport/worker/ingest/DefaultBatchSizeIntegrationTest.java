package com.bulkimport.worker.ingest;

import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job that names no batch size gets 5,000 rows a batch (ImportOptions.DEFAULT_BATCH_SIZE, read through BATCH_SIZE's
 * default in batch-worker.yml): a batch's message, claim and bookkeeping cost the same whatever its size, so big
 * files go in fewer of them. A job's own {@code batch_size} still wins. Its first chunk keeps the size in the job's
 * options, so a read that is resumed batches as it began (chunks of 4 KB: several chunks per file).
 */
@TestPropertySource(properties = "bulkimport.ingest.chunk-size=4KB")
class DefaultBatchSizeIntegrationTest extends WorkerIntegrationTest {

    private static byte[] restaurants(int count) {
        StringBuilder csv = new StringBuilder("external_id,name,city\n");
        for (int i = 1; i <= count; i++) {
            csv.append("R").append(i).append(",Place ").append(i).append(",Lisbon\n");
        }
        return utf8(csv.toString());
    }

    @Test
    void aJobWithoutABatchSizeIsAppliedInBatchesOfFiveThousandRows() {
        UUID jobId = importFile("restaurants", restaurants(12_001), "{}");

        assertThat(batchSizes(jobId)).containsExactly(5_000L, 5_000L, 2_001L);
        assertThat(job(jobId)).containsEntry("status", "COMPLETED");
        assertThat(counts(jobId).created()).isEqualTo(12_001);
        assertThat(keptBatchSize(jobId)).isEqualTo("5000");
    }

    /**
     * A read begun by a release that kept no size in the job (its default was 1,000) and resumed by this one goes on
     * in batches of 1,000: at 5,000 its next batch would be numbered 1, which it released already, and every chunk
     * after the crash would be refused.
     */
    @Test
    void aReadBegunWithoutAKeptSizeGoesOnInBatchesOfTheSizeItBeganWith() {
        UUID jobId = pendingJob("restaurants", restaurants(12_001), "{\"batch_size\": 1000}", "COMMIT");
        var started = startedEvent(jobId);
        deliverToAWorkerThatDiesAt(started, "restaurants", 6_000);
        assertThat(batchSizes(jobId)).containsExactly(1_000L, 1_000L, 1_000L, 1_000L, 1_000L);
        // as the earlier release left it: the job's options without a size
        jdbc.sql("UPDATE import_jobs SET options = options - 'batch_size' WHERE id = :id").param("id", jobId).update();

        dispatcher.dispatch(started);
        applyAll(jobId);

        assertThat(batchSizes(jobId)).hasSize(13).startsWith(1_000L, 1_000L).endsWith(1_000L, 1L)
                .containsOnly(1_000L, 1L);
        assertThat(job(jobId)).containsEntry("status", "COMPLETED");
        assertThat(counts(jobId).created()).isEqualTo(12_001);
    }

    private String keptBatchSize(UUID jobId) {
        return jdbc.sql("SELECT options ->> 'batch_size' FROM import_jobs WHERE id = :id").param("id", jobId)
                .query(String.class).single();
    }

    @Test
    void aJobsOwnBatchSizeWins() {
        UUID jobId = importFile("restaurants", restaurants(2_500), "{\"batch_size\": 1000}");

        assertThat(batchSizes(jobId)).containsExactly(1_000L, 1_000L, 500L);
        assertThat(counts(jobId).created()).isEqualTo(2_500);
    }

    private List<Long> batchSizes(UUID jobId) {
        return jdbc.sql("SELECT row_count FROM import_batches WHERE job_id = :job ORDER BY seq").param("job", jobId)
                .query(Long.class).list();
    }
}
