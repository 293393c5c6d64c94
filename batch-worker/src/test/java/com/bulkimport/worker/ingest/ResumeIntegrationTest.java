package com.bulkimport.worker.ingest;

import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An ingest that dies mid-file resumes at its last checkpoint: no row staged twice, none lost. */
@TestPropertySource(properties = "bulkimport.ingest.chunk-size=4KB")
class ResumeIntegrationTest extends WorkerIntegrationTest {

    private static String customers(int rows) {
        StringBuilder csv = new StringBuilder("customer_ref,name,email\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("K").append(i).append(",\"Name, ").append(i).append("\",")
                    .append(i % 97 == 0 ? "broken" : "k" + i + "@example.com").append('\n');
        }
        return csv.toString();
    }

    private void failStagingAt(long rowNumber) {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION test_crash() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.row_number = %d THEN RAISE EXCEPTION 'worker died here'; END IF;
                  RETURN NEW;
                END $$""".formatted(rowNumber)).update();
        jdbc.sql("CREATE TRIGGER test_crash BEFORE INSERT ON staging_customers FOR EACH ROW EXECUTE FUNCTION test_crash()")
                .update();
    }

    private void heal() {
        jdbc.sql("DROP TRIGGER IF EXISTS test_crash ON staging_customers").update();
    }

    private void crashAndResume(byte[] file) {
        UUID jobId = pendingJob("customers", file, "{}", "COMMIT");
        var started = startedEvent(jobId);
        failStagingAt(3_000);
        try {
            assertThatThrownBy(() -> dispatcher.dispatch(started)).hasStackTraceContaining("worker died here");
        } finally {
            heal();
        }
        Map<String, Object> midway = job(jobId);
        long checkpoint = (Long) midway.get("ingest_row");
        assertThat(midway).containsEntry("status", "INGESTING");
        assertThat(checkpoint).isBetween(1L, 2_999L);
        assertThat(stagedRows(jobId, "customers") + errorRows(jobId)).isEqualTo(checkpoint);

        dispatcher.dispatch(started);
        applyAll(jobId);

        // 5,000 rows; every 97th e-mail is broken: 51 errors, 4,949 created
        assertThat(counts(jobId)).isEqualTo(new JobCounts(4_949L, 0L, 0L, 0L, 51L, 5_000L, "COMPLETED_WITH_ERRORS"));
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE tenant = :t").param("t", tenant)
                .query(Long.class).single()).isEqualTo(4_949);
        assertThat(errorRows(jobId)).isEqualTo(51);
    }

    private long errorRows(UUID jobId) {
        return jdbc.sql("SELECT count(DISTINCT row_number) FROM import_row_errors WHERE job_id = :id")
                .param("id", jobId).query(Long.class).single();
    }

    @Test
    void aPlainFileResumesWithARangedRead() {
        crashAndResume(utf8(customers(5_000)));
    }

    @Test
    void aGzipFileResumesBySkippingToTheCheckpoint() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(utf8(customers(5_000)));
        }
        crashAndResume(zipped.toByteArray());
    }
}
