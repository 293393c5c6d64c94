package com.bulkimport.worker.ingest;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.model.event.EventType;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one file may cost (issue 19, task 5): a gzip bomb, a file past the decompressed cap and a file past
 * the row cap each fail the job with a reason naming the setting, after some of their chunks were staged
 * (64 KB chunks), and leave nothing behind: no staged row, no batch, no record.
 */
@TestPropertySource(properties = {"bulkimport.ingest.chunk-size=64KB", "bulkimport.ingest.max-rows=5000",
        "bulkimport.ingest.max-decompressed-size=3MB", "bulkimport.ingest.compression-ratio-after=64KB"})
class IngestLimitsIntegrationTest extends WorkerIntegrationTest {

    private static final String HEADER = "external_id,name,address,city\n";

    /** A restaurant row of about a kilobyte (a long address): a few thousand rows make megabytes. */
    private static String row(int i) {
        return "R" + i + ",Place " + i + "," + "12 Market Street Old Town ".repeat(36) + ",Lisbon\n";
    }

    /**
     * Each file here in one batch, released once it is read: a limit passed before any batch went out leaves
     * nothing. (Past one after batches went out, what they applied stays: ApplyWhileReadingIntegrationTest.)
     */
    private UUID ingest(byte[] file) {
        UUID jobId = pendingJob("restaurants", file, "{\"batch_size\": 10000}", "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));
        applyAll(jobId);
        return jobId;
    }

    /**
     * Failed with this code and reason (each file here passes its limit chunks after its start), nothing of
     * it is left, and its checkpoint is back at the file's start: a retry reads it from the first byte.
     */
    private void failedLeavingNothing(UUID jobId, String code, String reason) {
        Map<String, Object> job = job(jobId);
        assertThat(job).containsEntry("status", "FAILED").containsEntry("failure_code", code)
                .containsEntry("failure_reason", reason).containsEntry("created_count", 0L);
        assertThat(job).containsEntry("ingest_row", 0L).containsEntry("ingest_offset", 0L)
                .containsEntry("ingest_file_bytes", 0L).containsEntry("error_count", 0L);
        assertThat(stagedRows(jobId)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM import_batches WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single()).isZero();
        assertThat(outboxEvents(jobId, EventType.IMPORT_BATCH_READY)).isEmpty();
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_FAILED)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM restaurants WHERE tenant = :t").param("t", tenant)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aGzipBombFailsTheJobByItsRatio() throws IOException {
        // one kilobyte row repeated to 256 MB: about a megabyte zipped
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        byte[] block = row(1).repeat(64).getBytes(StandardCharsets.UTF_8);
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped, 64 * 1024) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(HEADER.getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < 256L << 20; written += block.length) {
                gzip.write(block);
            }
        }
        assertThat(zipped.size()).as("more than 200 times smaller").isLessThan((256 << 20) / 200);

        UUID jobId = ingest(zipped.toByteArray());

        String reason = (String) job(jobId).get("failure_reason");
        assertThat(reason).matches("the gzip data inflates more than 200 times \\(\\d(\\.\\d)? MB from 8 KB\\), as only a"
                + " decompression bomb does; nothing was imported \\(setting INGEST_MAX_COMPRESSION_RATIO,"
                + " bulkimport.ingest.max-compression-ratio raises the limit\\)");
        failedLeavingNothing(jobId, "COMPRESSION_RATIO_TOO_HIGH", reason);
    }

    @Test
    void aFilePastTheDecompressedCapFailsTheJob() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; csv.length() < 3_500_000; i++) {
            csv.append(row(i));
        }
        assertThat(csv.toString().lines().count() - 1).as("rows, below the row cap").isLessThan(5_000);

        UUID jobId = ingest(utf8(csv.toString()));

        failedLeavingNothing(jobId, "DECOMPRESSED_TOO_LARGE", "the file holds more than 3 MB of text once decompressed,"
                + " the most one import reads (setting INGEST_MAX_DECOMPRESSED_SIZE,"
                + " bulkimport.ingest.max-decompressed-size raises the limit)");
    }

    @Test
    void aFilePastTheRowCapFailsTheJobAndOneAtTheCapIsImported() {
        // rows of about 200 bytes: 5,001 of them are a megabyte, many chunks
        String address = "12 Market Street Old Town ".repeat(6);
        StringBuilder atCap = new StringBuilder(HEADER);
        for (int i = 1; i <= 5_000; i++) {
            atCap.append('R').append(i).append(",Place ").append(i).append(',').append(address).append(",Lisbon\n");
        }
        UUID over = ingest(utf8(atCap + "R5001,Place 5001," + address + ",Lisbon\n"));

        failedLeavingNothing(over, "TOO_MANY_ROWS", "the file has more than 5,000 rows, the most one import takes"
                + " (setting INGEST_MAX_ROWS, bulkimport.ingest.max-rows raises the limit); split it into several files");

        UUID at = ingest(utf8(atCap.toString()));
        assertThat(counts(at)).isEqualTo(new JobCounts(5_000L, 0L, 0L, 0L, 0L, 5_000L, "COMPLETED"));
    }

}
