package com.bulkimport.worker.ingest;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ImportPipelineIntegrationTest extends WorkerIntegrationTest {

    private static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final String FIVE_ROWS = """
            Restaurant ID,Restaurant Name,City,Aggregate rating,Votes
            R1,Cafe Sol,Lisbon,4.5,10
            R2,Tasca,Porto,9,3
            R1,Cafe Sol again,Lisbon,4.0,11
            R3,"Bar ""Azul""\",Faro,3.9,7
            ,Sem Id,"Coimbra",2.0,1
            """;

    @Test
    void importsValidRowsAndAccountsForEveryRow() {
        UUID jobId = importFile(csv(FIVE_ROWS));

        Map<String, Object> job = job(jobId);
        assertThat(job).containsEntry("status", "COMPLETED_WITH_ERRORS").containsEntry("total_rows", 5L)
                .containsEntry("processed_rows", 5L).containsEntry("created_count", 3L)
                .containsEntry("updated_count", 0L).containsEntry("unchanged_count", 0L)
                .containsEntry("duplicate_count", 1L).containsEntry("error_count", 1L)
                .containsEntry("encoding", "UTF-8").containsEntry("delimiter", ",");
        assertThat(jdbc.sql("SELECT external_id, name, city, rating::text, votes FROM restaurants WHERE tenant = :t"
                        + " ORDER BY name").param("t", tenant).query((rs, n) -> tuple(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getInt(5))).list())
                .containsExactly(tuple("R3", "Bar \"Azul\"", "Faro", "3.9", 7),
                        tuple("R1", "Cafe Sol", "Lisbon", "4.5", 10),
                        tuple(null, "Sem Id", "Coimbra", "2", 1));
        assertThat(jdbc.sql("SELECT row_number, column_name, code, message FROM import_row_errors WHERE job_id = :id"
                        + " ORDER BY row_number").param("id", jobId)
                .query((rs, n) -> tuple(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list())
                .containsExactly(tuple(2L, "rating", "OUT_OF_RANGE", "rating must be at most 5, got 9"),
                        tuple(3L, null, "DUPLICATE_IN_FILE", "same record as row 1; the first occurrence is imported"));
        assertThat(stagedRows(jobId)).isZero();
        List<EventEnvelope> completed = outboxEvents(jobId, EventType.IMPORT_JOB_COMPLETED);
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).status()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_COMPLETED))
                .isEqualTo(finalCounts(jobId, "restaurants", 5L, 5, 3, 0, 0, 1, 1));
    }

    /**
     * A file as some Windows tools save it for Excel: UTF-16LE without a byte order mark, Excel's delimiter line
     * {@code sep=;} ahead of the header, CRLF. The header is line 2, so the first record's error (a decimal comma, which
     * the job did not ask for) points at line 3.
     */
    @Test
    void aBomLessUtf16FileWithExcelsDelimiterLineImportsAsWritten() {
        byte[] file = "sep=;\r\nexternal_id;name;city;rating\r\nR1;Zum Löwen, Grill;Zürich;4,5\r\nR2;Café Sol;Lisboa;4.5\r\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_16LE);

        UUID jobId = importFile(file);

        assertThat(job(jobId)).containsEntry("status", "COMPLETED_WITH_ERRORS").containsEntry("total_rows", 2L)
                .containsEntry("created_count", 1L).containsEntry("error_count", 1L)
                .containsEntry("encoding", "UTF-16LE").containsEntry("delimiter", ";");
        assertThat(jdbc.sql("SELECT external_id, name, city FROM restaurants WHERE tenant = :t").param("t", tenant)
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3))).list())
                .containsExactly(tuple("R2", "Café Sol", "Lisboa"));
        assertThat(jdbc.sql("SELECT row_number, line_number, column_name FROM import_row_errors WHERE job_id = :id")
                .param("id", jobId).query((rs, n) -> tuple(rs.getLong(1), rs.getLong(2), rs.getString(3))).list())
                .containsExactly(tuple(1L, 3L, "rating"));
    }

    /**
     * A report's CSV export: a title padded to the table's width (as Excel writes every line), a padded blank line,
     * then the header on line 3; the second record's error (a rating out of range) points at line 5.
     */
    @Test
    void aTitleAboveTheHeaderIsSkippedAndSaidSo() {
        byte[] file = csv("Restaurants export 2024-03-31,,,\r\n,,,\r\nexternal_id,name,city,rating\r\n"
                + "R1,Sol,Lisboa,4.5\r\nR2,Mar,Porto,9\r\n");

        UUID jobId = importFile(file);

        assertThat(job(jobId)).containsEntry("status", "COMPLETED_WITH_ERRORS").containsEntry("total_rows", 2L)
                .containsEntry("created_count", 1L).containsEntry("error_count", 1L);
        assertThat(job(jobId).get("warnings").toString()).contains("line 1 holds a title above the header (line 3),"
                + " not columns: skipped (\\\"Restaurants export 2024-03-31\\\")");
        assertThat(jdbc.sql("SELECT row_number, line_number, column_name FROM import_row_errors WHERE job_id = :id")
                .param("id", jobId).query((rs, n) -> tuple(rs.getLong(1), rs.getLong(2), rs.getString(3))).list())
                .containsExactly(tuple(2L, 5L, "rating"));
    }

    @Test
    void reimportingIsUnchangedAndAChangedRowIsUpdated() {
        importFile(csv(FIVE_ROWS));

        UUID again = importFile(csv(FIVE_ROWS));
        assertThat(job(again)).containsEntry("created_count", 0L).containsEntry("unchanged_count", 3L)
                .containsEntry("updated_count", 0L);

        UUID changed = importFile(csv(FIVE_ROWS.replace("R3,\"Bar \"\"Azul\"\"\",Faro,3.9,7", "R3,\"Bar \"\"Azul\"\"\",Faro,4.1,8")));
        assertThat(job(changed)).containsEntry("created_count", 0L).containsEntry("unchanged_count", 2L)
                .containsEntry("updated_count", 1L);
        assertThat(jdbc.sql("SELECT rating::text || '/' || votes || '/' || (updated_by_job = :job)::text FROM restaurants"
                        + " WHERE tenant = :t AND external_id = 'R3'").param("t", tenant).param("job", changed)
                .query(String.class).single()).isEqualTo("4.1/8/true");
    }

    @Test
    void cutsBatchesOfTheConfiguredSize() {
        StringBuilder text = new StringBuilder("external_id,name\n");
        for (int i = 1; i <= 2_500; i++) {
            text.append("id-").append(i).append(",Name ").append(i).append('\n');
        }
        UUID jobId = pendingJob(csv(text.toString()), "{\"batch_size\": 1000}", "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));

        assertThat(jdbc.sql("SELECT seq, first_row, row_count FROM import_batches WHERE job_id = :id ORDER BY seq")
                .param("id", jobId).query((rs, n) -> tuple(rs.getInt(1), rs.getLong(2), rs.getInt(3))).list())
                .containsExactly(tuple(0, 1L, 1000), tuple(1, 1001L, 1000), tuple(2, 2001L, 500));
        assertThat(outboxEvents(jobId, EventType.IMPORT_BATCH_READY)).hasSize(3);
        assertThat(job(jobId)).containsEntry("status", "APPLYING").containsEntry("batch_count", 3);
        assertThat(stagedRows(jobId)).isEqualTo(2_500);

        applyAll(jobId);

        assertThat(job(jobId)).containsEntry("status", "COMPLETED").containsEntry("created_count", 2_500L)
                .containsEntry("batches_done", 3);
        assertThat(stagedRows(jobId)).isZero();
    }

    @Test
    void aMissingRequiredColumnFailsTheJobNamingIt() {
        UUID jobId = pendingJob(csv("external_id,city\nR1,Lisbon\n"));

        dispatcher.dispatch(startedEvent(jobId));

        Map<String, Object> job = job(jobId);
        assertThat(job).containsEntry("status", "FAILED").containsEntry("failure_code", "MISSING_COLUMNS");
        assertThat((String) job.get("failure_reason"))
                .isEqualTo("required column name missing; the file's columns are: external_id, city"
                        + " (map one of them to it: the mapping step of the web UI,"
                        + " --map in the CLI, column_mapping in the API)");
        Map<String, Object> failed = finalCounts(jobId, "restaurants", null, 0, 0, 0, 0, 0, 0);
        failed.put("failure_code", "MISSING_COLUMNS");
        failed.put("failure_reason", job.get("failure_reason"));
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_FAILED)).isEqualTo(failed);
        assertThat(outboxEvents(jobId, EventType.IMPORT_BATCH_READY)).isEmpty();
    }

    @Test
    void emptyAndHeaderOnlyFilesFailClearly() {
        UUID empty = pendingJob(new byte[0]);
        UUID headerOnly = pendingJob(csv("external_id,name\n"));

        dispatcher.dispatch(startedEvent(empty));
        dispatcher.dispatch(startedEvent(headerOnly));

        assertThat(job(empty)).containsEntry("status", "FAILED").containsEntry("failure_code", "EMPTY_FILE");
        assertThat(job(headerOnly)).containsEntry("status", "FAILED").containsEntry("failure_code", "NO_DATA_ROWS")
                .containsEntry("failure_reason", "the file has a header but no data rows");
    }

    @Test
    void anUnterminatedQuoteFailsTheJobAndStagesNothing() {
        UUID jobId = pendingJob(csv("external_id,name\nR1,\"Cafe\nR2,Other\n"));

        dispatcher.dispatch(startedEvent(jobId));

        assertThat(job(jobId)).containsEntry("status", "FAILED").containsEntry("failure_code", "MALFORMED_CSV");
        assertThat(stagedRows(jobId)).isZero();
    }

    @Test
    void invalidUtf8BeyondTheSniffedHeadRestartsAsWindows1252() {
        StringBuilder text = new StringBuilder("external_id,name\n");
        int rows = 0;
        while (text.length() < 1_100_000) {
            rows++;
            text.append("id-").append(rows).append(",Plain name ").append(rows).append('\n');
        }
        byte[] head = csv(text.toString());
        // as Excel saves it on Windows: 0x93 and 0x94 are curly quotes, 0x96 a dash, 0x80 the euro sign
        byte[] tail = {'l', 'a', 't', 'e', ',', 'C', 'a', 'f', (byte) 0xE9, ' ', (byte) 0x93, 'x', (byte) 0x94, ' ',
                (byte) 0x96, ' ', (byte) 0x80, '5', '\n'};
        byte[] file = new byte[head.length + tail.length];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(tail, 0, file, head.length, tail.length);

        UUID jobId = pendingJob(file);
        dispatcher.dispatch(startedEvent(jobId));
        applyAll(jobId);

        assertThat(job(jobId)).containsEntry("status", "COMPLETED").containsEntry("encoding", "windows-1252")
                .containsEntry("created_count", (long) rows + 1);
        assertThat((String) job(jobId).get("warnings").toString()).contains("not valid UTF-8 throughout");
        assertThat(jdbc.sql("SELECT name FROM restaurants WHERE tenant = :t AND external_id = 'late'")
                .param("t", tenant).query(String.class).single()).isEqualTo("Caf\u00e9 \u201cx\u201d \u2013 \u20ac5");
    }

    @Test
    void aTruncatedGzipUploadFailsTheJobAtOnceWithTheReasonNotAfterRetries() throws java.io.IOException {
        StringBuilder text = new StringBuilder("external_id,name\n");
        for (int i = 0; i < 50_000; i++) {
            text.append("gz-").append(i).append(",Gzip restaurant ").append(i).append('\n');
        }
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(csv(text.toString()));
        }
        byte[] truncated = java.util.Arrays.copyOf(zipped.toByteArray(), zipped.size() * 2 / 3);
        UUID jobId = pendingJob(truncated);

        dispatcher.dispatch(startedEvent(jobId)); // returns normally: nothing for the queue to redeliver

        assertThat(job(jobId)).containsEntry("status", "FAILED").containsEntry("failure_code", "BAD_GZIP")
                .containsEntry("failure_reason", "the gzip data ends early (truncated upload?)");
        assertThat(stagedRows(jobId)).isZero();
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_FAILED)).hasSize(1);
    }
}
