package com.bulkimport.api.errorreport;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.Fixtures;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.model.spec.FieldProblem;
import com.bulkimport.engine.staging.RowErrorBuffer;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error report of a file import: its rows are written as the worker writes them (raw fields, by
 * position, through the worker's own {@link RowErrorBuffer}; in-file duplicates as staged values, by
 * field) with the file's header and column map stored on the job as the worker stores them. The CSV
 * must lay both out under the original header, in the original column order, with every formula
 * prefix neutralized wherever it appears.
 */
class FileErrorReportIntegrationTest extends ApiIntegrationTest {

    /** The uploaded file's header: an unmapped column first and last, the mapped ones in between. */
    private static final String[] HEADER = {"Notes", "Customer ID", "E-mail", "name", "Extra"};

    @Autowired
    JdbcTemplate jdbcTemplate;

    private UUID fileJob() {
        return fileJob(HEADER);
    }

    private UUID fileJob(String[] header) {
        return new Fixtures(jdbc).fileJob(TestUser.ALICE, header);
    }

    private static FieldProblem problem(String column, String code, String message) {
        return new FieldProblem(column, code, message);
    }

    private static List<List<String>> parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            reader.forEach(record -> records.add(record.getFields()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return records;
    }

    @Test
    void keepsTheFilesHeaderAndColumnOrderAndNeutralizesEveryFormulaPrefix() {
        UUID job = fileJob();
        RowErrorBuffer errors = new RowErrorBuffer(jdbcTemplate, job);
        errors.add(2, 3, List.of(problem("email", "INVALID_EMAIL", "email '=cmd' is not an e-mail address")),
                List.of("=1+1", "C2", "=cmd", "+Ann", "@SUM(A1)"));
        errors.add(3, 4, List.of(problem("name", "REQUIRED", "name is required")),
                List.of("-2", "C3", "c3@example.com", "", "\tTab a\0b"));
        errors.add(4, 5, List.of(problem("email", "INVALID_EMAIL", "email 'x' is not an e-mail address"),
                problem("customer_ref", "TOO_LONG", "customer_ref is longer than 200 characters")),
                List.of("\rCR", "C4", "x", "Bo", "plain", "a field past the header"));
        errors.add(6, 8, List.of(problem(null, "MISSING_FIELDS", "the record has 1 of 5 fields")), List.of("only"));
        errors.flush();
        // an in-file duplicate: the worker copies its staged values (by field), not the raw fields
        jdbc.sql("""
                        INSERT INTO import_row_errors (job_id, row_number, column_name, code, message, raw_record)
                        VALUES (:job, 5, NULL, 'DUPLICATE_IN_FILE', 'same record as row 1; the first occurrence is imported',
                                '{"customer_ref": "C1", "email": "a@example.com", "name": "=Ann"}'::jsonb)""")
                .param("job", job).update();

        JsonHttp.Response response = http().get("/api/imports/" + job + "/errors.csv");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("text/csv;charset=UTF-8");
        assertThat(response.body()).startsWith("\uFEFFNotes,Customer ID,E-mail,name,Extra,row_number,");
        assertThat(parse(response.body().substring(1))).containsExactly(
                List.of("Notes", "Customer ID", "E-mail", "name", "Extra",
                        "row_number", "line_number", "column", "error_code", "error_message"),
                List.of("'=1+1", "C2", "'=cmd", "'+Ann", "'@SUM(A1)",
                        "2", "3", "email", "INVALID_EMAIL", "email '=cmd' is not an e-mail address"),
                List.of("'-2", "C3", "c3@example.com", "", "'\tTab ab",
                        "3", "4", "name", "REQUIRED", "name is required"),
                List.of("'\rCR", "C4", "x", "Bo", "plain",
                        "4", "5", "email", "INVALID_EMAIL", "email 'x' is not an e-mail address"),
                List.of("'\rCR", "C4", "x", "Bo", "plain",
                        "4", "5", "customer_ref", "TOO_LONG", "customer_ref is longer than 200 characters"),
                List.of("", "C1", "a@example.com", "'=Ann", "",
                        "5", "", "", "DUPLICATE_IN_FILE", "same record as row 1; the first occurrence is imported"),
                List.of("only", "", "", "", "",
                        "6", "8", "", "MISSING_FIELDS", "the record has 1 of 5 fields"));
    }

    @Test
    void neutralizesTheFilesOwnColumnNamesInTheHeaderRow() {
        UUID job = fileJob(new String[] {"=HYPERLINK(\"http://x\")", "Customer ID", "+E-mail", "-name", "@Extra",
                "\tTab", "\rCR", "plain=1"});
        RowErrorBuffer errors = new RowErrorBuffer(jdbcTemplate, job);
        errors.add(2, 3, List.of(problem("email", "INVALID_EMAIL", "email 'x' is not an e-mail address")),
                List.of("a", "C2", "x", "Ann", "e", "t", "c", "p"));
        errors.flush();

        JsonHttp.Response response = http().get("/api/imports/" + job + "/errors.csv");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).startsWith("\uFEFF\"'=HYPERLINK(\"\"http://x\"\")\",Customer ID,'+E-mail,'-name,");
        assertThat(parse(response.body().substring(1))).containsExactly(
                List.of("'=HYPERLINK(\"http://x\")", "Customer ID", "'+E-mail", "'-name", "'@Extra", "'\tTab", "'\rCR",
                        "plain=1", "row_number", "line_number", "column", "error_code", "error_message"),
                List.of("a", "C2", "x", "Ann", "e", "t", "c", "p",
                        "2", "3", "email", "INVALID_EMAIL", "email 'x' is not an e-mail address"));
    }
}
