package com.bulkimport.worker.ingest;

import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job that names no batch size gets 5,000 rows a batch (ImportOptions.DEFAULT_BATCH_SIZE, read through BATCH_SIZE's
 * default in batch-worker.yml): a batch's message, claim and bookkeeping cost the same whatever its size, so big
 * files go in fewer of them. A job's own {@code batch_size} still wins.
 */
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
