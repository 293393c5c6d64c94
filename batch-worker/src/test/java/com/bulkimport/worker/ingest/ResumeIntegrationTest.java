package com.bulkimport.worker.ingest;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.worker.pause.PauseGate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** An ingest that dies mid-file resumes at its last checkpoint: no row staged twice, none lost. */
@TestPropertySource(properties = "bulkimport.ingest.chunk-size=4KB")
class ResumeIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate tx;

    /**
     * The whole file in one batch, released only once the file is read: these tests are about the read alone
     * (ApplyWhileReadingIntegrationTest covers batches released while the file is read).
     */
    private static final String READ_FIRST = "{\"batch_size\": 10000}";

    private static String customers(int rows) {
        StringBuilder csv = new StringBuilder("customer_ref,name,email\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("K").append(i).append(",\"Name, ").append(i).append("\",")
                    .append(i % 97 == 0 ? "broken" : "k" + i + "@example.com").append('\n');
        }
        return csv.toString();
    }

    private void crashAndResume(byte[] file) {
        UUID jobId = pendingJob("customers", file, READ_FIRST, "COMMIT");
        var started = startedEvent(jobId);
        deliverToAWorkerThatDiesAt(started, "customers", 3_000);
        Map<String, Object> midway = job(jobId);
        long checkpoint = (Long) midway.get("ingest_row");
        assertThat(midway).containsEntry("status", "INGESTING");
        assertThat(checkpoint).isBetween(1L, 2_999L);
        assertThat(stagedRows(jobId, "customers") + errorRows(jobId)).isEqualTo(checkpoint);

        dispatcher.dispatch(started);
        // progress is measured in the stored file's bytes (compressed, for gzip): all of them once it is read
        assertThat(job(jobId).get("ingest_file_bytes")).isEqualTo((long) file.length);
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
    void aPlainFileWithABomResumesWithARangedReadFromTheRightByte() {
        // the checkpoint's offset counts the BOM: a range from an offset that did not started 3 bytes early
        byte[] body = utf8(customers(5_000));
        byte[] file = new byte[body.length + 3];
        file[0] = (byte) 0xEF;
        file[1] = (byte) 0xBB;
        file[2] = (byte) 0xBF;
        System.arraycopy(body, 0, file, 3, body.length);
        crashAndResume(file);
    }

    @Test
    void aJobFailedByAnotherHandWhileItsFileStreamsInKeepsItsStagedRowsAndItsRetryGoesOnFromTheCheckpoint()
            throws Exception {
        // at row 3,000 the job is failed from outside (as a dead letter's verdict or the sweeper does); the worker
        // notices at that chunk's fence and commits none of it. The retry resumes at the checkpoint: the rows
        // staged before it must be there.
        byte[] file = utf8(customers(5_000));
        UUID jobId = pendingJob("customers", file, READ_FIRST, "COMMIT");
        // the chunk holding row 3,000 is held inside its transaction while the job fails in another one
        try (PauseGate gate = new PauseGate(dataSource, jdbc, "staging_customers",
                "NEW.job_id = '" + jobId + "' AND NEW.row_number = 3000")) {
            CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> dispatcher.dispatch(startedEvent(jobId)));
            gate.awaitWorkerHeld();
            tx.executeWithoutResult(status -> lifecycle.fail(jobStore.find(jobId).orElseThrow().ref(), "INGEST_FAILED",
                    "failed by another hand"));
            gate.open();
            ingest.get(60, TimeUnit.SECONDS);
        }
        Map<String, Object> failed = job(jobId);
        long checkpoint = (Long) failed.get("ingest_row");
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("ingest_worker", null);
        assertThat(checkpoint).as("the chunks before the held one").isBetween(1L, 2_999L);
        assertThat(stagedRows(jobId, "customers") + errorRows(jobId)).isEqualTo(checkpoint);

        lifecycle.retry(jobStore.find(jobId).orElseThrow().ref(), (String) failed.get("object_key"));
        dispatcher.dispatch(startedEvent(jobId));
        applyAll(jobId);

        assertThat(counts(jobId)).isEqualTo(new JobCounts(4_949L, 0L, 0L, 0L, 51L, 5_000L, "COMPLETED_WITH_ERRORS"));
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE tenant = :t").param("t", tenant)
                .query(Long.class).single()).isEqualTo(4_949);
    }

    @Test
    void aFileRefusedMidwayLeavesNothingAndItsRetryReadsFromTheStart() {
        // row 3,001 breaks the file (an unterminated quote): the job fails, what it staged and its checkpoint go;
        // the file is the file, so the retry fails at the same line, counting nothing twice
        String body = customers(3_000) + "K3001,\"never closed,k@example.com\n" + "K3002,Name,k2@example.com\n";
        UUID jobId = pendingJob("customers", utf8(body), READ_FIRST, "COMMIT");

        dispatcher.dispatch(startedEvent(jobId));

        Map<String, Object> failed = job(jobId);
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("failure_code", "MALFORMED_CSV");
        assertThat(failed).containsEntry("ingest_row", 0L).containsEntry("ingest_file_bytes", 0L);
        assertThat(stagedRows(jobId, "customers")).isZero();
        assertThat(errorRows(jobId)).isZero();

        lifecycle.retry(jobStore.find(jobId).orElseThrow().ref(), (String) failed.get("object_key"));
        dispatcher.dispatch(startedEvent(jobId));

        assertThat(job(jobId)).containsEntry("status", "FAILED").containsEntry("failure_code", "MALFORMED_CSV")
                .containsEntry("ingest_row", 0L);
        assertThat(stagedRows(jobId, "customers")).isZero();
        assertThat(errorRows(jobId)).isZero();
    }

    @Test
    void aGzipFileResumesBySkippingToTheCheckpoint() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(utf8(customers(5_000)));
        }
        crashAndResume(zipped.toByteArray());
    }

    /**
     * Rounded decimals are counted into the job's warning chunk by chunk: a crash after some chunks and the
     * resume from their checkpoint still end at the file's count, neither restarted nor counted twice.
     */
    @Test
    void roundedValuesAreCountedOnceAcrossChunksAndAResume() {
        StringBuilder csv = new StringBuilder("external_id,name,latitude\n");
        int rounded = 0;
        for (int i = 1; i <= 3_000; i++) {
            // two rows in three carry nine decimals that round; the third has seven
            String latitude = i % 3 == 0 ? "10.1234567" : "10.123456789";
            rounded += i % 3 == 0 ? 0 : 1;
            csv.append("R").append(i).append(",Place ").append(i).append(',').append(latitude).append('\n');
        }
        UUID jobId = pendingJob("restaurants", utf8(csv.toString()), "{}", "COMMIT");
        var started = startedEvent(jobId);
        deliverToAWorkerThatDiesAt(started, "restaurants", 2_000);
        long checkpoint = (Long) job(jobId).get("ingest_row");
        assertThat(checkpoint).isBetween(1L, 1_999L);
        long roundedBefore = checkpoint - checkpoint / 3;
        assertThat(roundingWarnings(jobId)).containsExactly(String.format(java.util.Locale.ROOT,
                "column 'latitude' (latitude): %,d values rounded to 7 decimal places", roundedBefore));

        dispatcher.dispatch(started);
        applyAll(jobId);

        assertThat(counts(jobId)).isEqualTo(new JobCounts(3_000L, 0L, 0L, 0L, 0L, 3_000L, "COMPLETED"));
        assertThat(rounded).isEqualTo(2_000);
        assertThat(roundingWarnings(jobId)).containsExactly(
                "column 'latitude' (latitude): 2,000 values rounded to 7 decimal places");
        assertThat(jdbc.sql("SELECT count(*) FROM restaurants WHERE tenant = :t AND latitude = 10.1234568")
                .param("t", tenant).query(Long.class).single()).isEqualTo(2_000);
    }

    private java.util.List<String> roundingWarnings(UUID jobId) {
        return jdbc.sql("SELECT w FROM import_jobs, jsonb_array_elements_text(warnings) AS w WHERE id = :id"
                + " AND w LIKE '%rounded to%'").param("id", jobId).query(String.class).list();
    }
}
