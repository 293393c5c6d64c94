package com.bulkimport.worker.ingest;

import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * .xlsx uploads through the whole worker (S3Proxy, PostgreSQL): typed cells stored as their values, the
 * chosen sheet (a hidden one too), row errors on Excel's row numbers, a resume after a crash mid-sheet,
 * and workbooks that cannot be read failing their job with the reason, never left ingesting.
 */
@TestPropertySource(properties = "bulkimport.ingest.chunk-size=4KB")
class XlsxIngestIntegrationTest extends WorkerIntegrationTest {

    private static final List<Object> PRODUCT_HEADER = List.of("sku", "name", "category", "barcode", "weight",
            "pack_size");

    @Test
    void typedCellsAreStoredAsTheirValuesAndALostDigitsBarcodeIsARowErrorOnItsExcelRow() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(PRODUCT_HEADER);
        rows.add(List.of("A1", "Apple juice", "Drinks", 4006381333931d, 1000.5, 6));
        rows.add(List.of("A2", "Bread", "=CONCATENATE(\"Bak\",\"ery\")", "0012345678905", 500, 1));
        // typed in as a number, the 19-digit code kept 15 significant digits: a row error, as in a CSV export
        rows.add(List.of("A3", "Cheese", "Dairy", 1234567890123456789d, 1000, 1));
        rows.add(List.of()); // an empty row between records is skipped
        rows.add(Arrays.asList("A4", "Dates", "Fruit", null, "=2*100", 12));
        byte[] file = TestWorkbooks.xlsx(new TestWorkbooks.SheetData("Catalogue", false, rows),
                new TestWorkbooks.SheetData("Notes", true, List.of(List.of("sku", "name"), List.of("X", "Hidden"))));

        UUID jobId = importFile("products", file, "{}");

        assertThat(counts(jobId)).isEqualTo(new JobCounts(3L, 0L, 0L, 0L, 1L, 4L, "COMPLETED_WITH_ERRORS"));
        Map<String, Object> job = job(jobId);
        assertThat(job).containsEntry("file_format", "xlsx").containsEntry("sheet", "Catalogue")
                .containsEntry("encoding", "UTF-8").containsEntry("delimiter", null)
                .containsEntry("source_header", List.of("sku", "name", "category", "barcode", "weight", "pack_size"));
        assertThat(jdbc.sql("SELECT sku, category, barcode, weight::text, pack_size FROM products WHERE tenant = :t"
                        + " ORDER BY sku").param("t", tenant)
                .query((rs, n) -> Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5))).list())
                .containsExactly(Arrays.asList("A1", "Drinks", "4006381333931", "1000.5", 6),
                        Arrays.asList("A2", "Bakery", "0012345678905", "500", 1),
                        Arrays.asList("A4", "Fruit", null, "200", 12));
        assertThat(jdbc.sql("SELECT row_number, line_number, column_name, code, raw_record::text FROM import_row_errors"
                        + " WHERE job_id = :id").param("id", jobId)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list())
                .containsExactly(List.of(3L, 4L, "barcode", "BARCODE_SCIENTIFIC_NOTATION",
                        "[\"A3\", \"Cheese\", \"Dairy\", \"1.23456789012346E+18\", \"1000\", \"1\"]"));
    }

    @Test
    void theSheetOptionPicksAHiddenSheetAndDatesArriveAsTheirTimestamps() {
        importFile("restaurants", utf8("external_id,name\nR-1,Casa\n"), "{}");
        List<List<Object>> reviews = List.of(
                List.of("review_ref", "restaurant_external_id", "rating", "reviewed_at"),
                List.of("RV-1", "R-1", 4, LocalDateTime.of(2024, 3, 31, 14, 5)),
                List.of("RV-2", "R-1", 5, LocalDateTime.of(2023, 12, 31, 23, 59, 59)));
        byte[] file = TestWorkbooks.xlsx(
                new TestWorkbooks.SheetData("Cover", false, List.of(List.of("read me"), List.of("nothing here"))),
                new TestWorkbooks.SheetData("Reviews", true, reviews));

        UUID jobId = importFile("reviews", file, "{\"sheet\": \"reviews\"}");

        assertThat(counts(jobId)).isEqualTo(new JobCounts(2L, 0L, 0L, 0L, 0L, 2L, "COMPLETED"));
        assertThat(job(jobId)).containsEntry("sheet", "Reviews");
        assertThat(jdbc.sql("SELECT review_ref, rating, to_char(reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
                        + " FROM reviews WHERE tenant = :t ORDER BY review_ref").param("t", tenant)
                .query((rs, n) -> List.of(rs.getString(1), rs.getInt(2), rs.getString(3))).list())
                .containsExactly(List.of("RV-1", 4, "2024-03-31 14:05:00"), List.of("RV-2", 5, "2023-12-31 23:59:59"));
    }

    /** A report's sheet: a title and a blank row above the table. The header is found below them, and said so. */
    @Test
    void aTitleAboveTheTableIsSkippedWithAWarningAndRowErrorsKeepTheirExcelRows() {
        byte[] file = TestWorkbooks.xlsx("Customers", List.of(
                List.of("Customer export, 31 March 2024"),
                List.of(),
                List.of("customer_ref", "name", "email"),
                List.of("K1", "Ann", "ann@example.com"),
                List.of("K2", "Bob", "not an e-mail")));

        UUID jobId = importFile("customers", file, "{}");

        assertThat(counts(jobId)).isEqualTo(new JobCounts(1L, 0L, 0L, 0L, 1L, 2L, "COMPLETED_WITH_ERRORS"));
        assertThat(job(jobId)).containsEntry("source_header", List.of("customer_ref", "name", "email"));
        assertThat(jdbc.sql("SELECT w FROM import_jobs, jsonb_array_elements_text(warnings) AS w WHERE id = :id")
                .param("id", jobId).query(String.class).list())
                .containsExactly("row 1 holds a title above the header (row 3), not columns: skipped"
                        + " (\"Customer export, 31 March 2024\")");
        assertThat(jdbc.sql("SELECT customer_ref, name FROM customers WHERE tenant = :t").param("t", tenant)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list())
                .containsExactly(List.of("K1", "Ann"));
        assertThat(jdbc.sql("SELECT row_number, line_number, column_name FROM import_row_errors WHERE job_id = :id")
                .param("id", jobId).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getString(3))).list())
                .containsExactly(List.of(2L, 5L, "email"));
    }

    @Test
    void aWorkbookThatCannotBeReadFailsItsJobWithTheReason() throws Exception {
        byte[] good = TestWorkbooks.xlsx("Customers", List.of(List.of("customer_ref", "name"), List.of("K1", "Ann")));

        assertFails(Arrays.copyOf(good, good.length - 200), "{}", "BAD_XLSX",
                "the file is a ZIP archive but not a readable Excel workbook (.xlsx)");
        assertFails(encrypted(good), "{}", "WORKBOOK_ENCRYPTED", "the workbook is protected with a password");
        assertFails(good, "{\"sheet\": \"Clients\"}", "SHEET_NOT_FOUND",
                "the workbook has no sheet 'Clients'; its sheets are: Customers");
        assertFails(TestWorkbooks.xlsx("Customers", List.of(List.of("name"), List.of("Ann"))), "{}", "MISSING_COLUMNS",
                "required column customer_ref missing; the file's columns are: name");
    }

    private void assertFails(byte[] file, String options, String code, String reasonStart) {
        UUID jobId = pendingJob("customers", file, options, "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));
        Map<String, Object> job = job(jobId);
        assertThat(job).containsEntry("status", "FAILED").containsEntry("failure_code", code);
        assertThat((String) job.get("failure_reason")).startsWith(reasonStart)
                .as("the worker's temporary copy is not the user's business").doesNotContain("bulkimport-workbook");
        assertThat(stagedRows(jobId, "customers")).isZero();
    }

    /** The workbook as Excel saves it with a password: an OLE2 container around the encrypted package. */
    private static byte[] encrypted(byte[] xlsx) throws Exception {
        try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            org.apache.poi.poifs.crypt.Encryptor encryptor = new org.apache.poi.poifs.crypt.EncryptionInfo(
                    org.apache.poi.poifs.crypt.EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OutputStream out = encryptor.getDataStream(fs)) {
                new ByteArrayInputStream(xlsx).transferTo(out);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    /**
     * A crash mid-sheet: the resume reads the sheet again and skips to the row after the checkpoint, so no row
     * is staged twice or lost (5,000 customers in chunks of about 4 KB; every 97th e-mail is broken).
     */
    @Test
    void anIngestKilledMidSheetResumesAfterItsCheckpoint() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("customer_ref", "name", "email"));
        for (int i = 1; i <= 5_000; i++) {
            rows.add(List.of("K" + i, "Name, " + i, i % 97 == 0 ? "broken" : "k" + i + "@example.com"));
        }
        // batches of 1,000, so that some are complete and out before the crash at row 3,000
        UUID jobId = pendingJob("customers", TestWorkbooks.xlsx("Customers", rows), "{\"batch_size\": 1000}", "COMMIT");
        var started = startedEvent(jobId);
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION test_crash() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.row_number = 3000 THEN RAISE EXCEPTION 'worker died here'; END IF;
                  RETURN NEW;
                END $$""").update();
        jdbc.sql("CREATE TRIGGER test_crash BEFORE INSERT ON staging_customers FOR EACH ROW EXECUTE FUNCTION"
                + " test_crash()").update();
        try {
            assertThatThrownBy(() -> dispatcher.dispatch(started)).hasStackTraceContaining("worker died here");
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS test_crash ON staging_customers").update();
        }
        Map<String, Object> midway = job(jobId);
        long checkpoint = (Long) midway.get("ingest_row");
        // the batches of the rows before the checkpoint went out while the sheet was read (apply while ingesting)
        assertThat(midway).containsEntry("status", "APPLYING").containsEntry("still_reading", true)
                .containsEntry("file_format", "xlsx");
        assertThat(checkpoint).isBetween(1L, 2_999L);
        // the header is sheet row 1: record n is on sheet row n + 1
        assertThat(midway).containsEntry("ingest_offset", checkpoint + 1);

        dispatcher.dispatch(started);
        applyAll(jobId);

        assertThat(counts(jobId)).isEqualTo(new JobCounts(4_949L, 0L, 0L, 0L, 51L, 5_000L, "COMPLETED_WITH_ERRORS"));
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE tenant = :t").param("t", tenant)
                .query(Long.class).single()).isEqualTo(4_949);
        assertThat(jdbc.sql("SELECT count(DISTINCT row_number), min(line_number - row_number), max(line_number - row_number)"
                        + " FROM import_row_errors WHERE job_id = :id").param("id", jobId)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single())
                .containsExactly(51L, 1L, 1L);
    }
}
