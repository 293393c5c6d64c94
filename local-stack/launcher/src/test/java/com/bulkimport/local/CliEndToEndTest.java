package com.bulkimport.local;

import com.bulkimport.cli.BulkImportCliDriver;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's commands against one running stack (shared by the whole class, to keep the suite short):
 * {@code template}, {@code import} (commit, dry run, a given encoding, a failing file) and {@code errors},
 * with their exit codes. As alice (tenant acme), on customers whose refs start with CLI- only, so the
 * other end-to-end tests sharing the database see none of them.
 */
class CliEndToEndTest extends RunningStackTest {

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static List<List<String>> parse(String csv) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            reader.forEach(record -> records.add(record.getFields()));
        }
        return records;
    }

    private static long customers(String refPattern) {
        return jdbc.sql("SELECT count(*) FROM customers WHERE tenant = 'acme' AND customer_ref LIKE :refs")
                .param("refs", refPattern).query(Long.class).single();
    }

    @Test
    void templatePrintsTheApisTemplateCsvWithoutItsByteOrderMark() {
        BulkImportCliDriver.Result result = cli("template", "customers");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonHttp.Response api = http.get("/api/templates/customers.csv");
        assertThat(api.body()).startsWith("\uFEFF");
        assertThat(result.stdout()).isEqualTo(api.body().substring(1))
                .isEqualTo("customer_ref,name,email,phone,country\r\n"
                        + "C-17850,Ana Silva,ana@example.com,+351 912 345 678,Portugal\r\n");

        BulkImportCliDriver.Result reviews = cli("template", "reviews");
        assertThat(reviews.exitCode()).as(reviews.stderr()).isZero();
        assertThat(reviews.stdout()).isEqualTo("review_ref,restaurant_external_id,author,rating,title,text,reviewed_at\r\n"
                + "RV-5001,R-1001,Ana S.,4,Great sardines,\"Fresh fish, friendly staff.\",2024-03-31 14:05:00\r\n");
    }

    @Test
    void aRefusedRequestExits1WithTheProblemsWords() {
        BulkImportCliDriver.Result kind = cli("template", "spaceships");
        BulkImportCliDriver.Result job = cli("errors", UUID.randomUUID().toString());

        assertThat(kind.exitCode()).isEqualTo(1);
        assertThat(kind.stderr()).isEqualTo("error: Unknown import kind: there is no import kind 'spaceships'; kinds:"
                + " restaurants, dishes, products, customers, purchases, reviews" + System.lineSeparator());
        assertThat(kind.stdout()).isEmpty();
        assertThat(job.exitCode()).isEqualTo(1);
        assertThat(job.stderr()).startsWith("error: ");
        assertThat(job.stdout()).isEmpty();
    }

    @Test
    void anImportWithRowErrorsExits0AndErrorsPrintsItsReportUnderTheFilesOwnColumns() throws IOException {
        Path csv = file("clients.csv", ("Notes,Customer ID,E-mail,name,Extra\n"
                + "first,CLI-1,ann@example.com,Ann,x\n"
                + "=1+1,CLI-2,=cmd,+Bob,@SUM(A1)\n"
                + "-2,CLI-3,c3@example.com,,\"\ttab\"\n"
                + "\"\rCR\",CLI-4,nope,Dee,plain\n"
                + "again,CLI-1,ann@example.com,Ann,dup\n"
                + "last,CLI-6,f@example.com,Fay,y\n").getBytes(StandardCharsets.UTF_8));

        BulkImportCliDriver.Result imported = cli("import", csv.toString(), "--kind", "customers", "--json");

        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        JsonNode job = imported.json();
        assertThat(job.path("status").asString()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(job.path("progress").path("total_rows").asLong()).isEqualTo(6);
        assertThat(job.path("progress").path("created").asLong()).isEqualTo(2);
        assertThat(job.path("progress").path("errors").asLong()).isEqualTo(3);
        assertThat(job.path("progress").path("duplicates").asLong()).isEqualTo(1);
        String jobId = job.path("job_id").asString();
        assertThat(job.path("error_report_url").asString()).isEqualTo("/api/imports/" + jobId + "/errors.csv");

        BulkImportCliDriver.Result errors = cli("errors", jobId);

        assertThat(errors.exitCode()).as(errors.stderr()).isZero();
        assertThat(errors.stdout()).isEqualTo(http.get("/api/imports/" + jobId + "/errors.csv").body());
        assertThat(errors.stdout()).startsWith("\uFEFF");
        assertThat(parse(errors.stdout().substring(1))).containsExactly(
                List.of("Notes", "Customer ID", "E-mail", "name", "Extra",
                        "row_number", "line_number", "column", "error_code", "error_message"),
                List.of("'=1+1", "CLI-2", "'=cmd", "'+Bob", "'@SUM(A1)",
                        "2", "3", "email", "NOT_AN_EMAIL", "email must be an e-mail address, got '=cmd'"),
                List.of("'-2", "CLI-3", "c3@example.com", "", "'\ttab", "3", "4", "name", "REQUIRED", "name is required"),
                List.of("'\rCR", "CLI-4", "nope", "Dee", "plain",
                        "4", "5", "email", "NOT_AN_EMAIL", "email must be an e-mail address, got 'nope'"),
                // a duplicate is reported from its staged values: the columns no field took stay empty
                List.of("", "CLI-1", "ann@example.com", "Ann", "",
                        "5", "", "", "DUPLICATE_IN_FILE", "same record as row 1; the first occurrence is imported"));
        assertThat(customers("CLI-_")).isEqualTo(2);
    }

    @Test
    void aDryRunExits0WithItsPreviewAndWritesNothing() throws IOException {
        Path csv = file("dry.csv", "customer_ref,name\nCLI-D1,Ann\nCLI-D2,Bo\nCLI-D2,Bo\nCLI-D3,\n"
                .getBytes(StandardCharsets.UTF_8));

        BulkImportCliDriver.Result result = cli("import", csv.toString(), "--kind", "customers", "--mode", "dry-run",
                "--json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode job = result.json();
        assertThat(job.path("mode").asString()).isEqualTo("DRY_RUN");
        assertThat(job.path("status").asString()).isEqualTo("PREVIEW_READY");
        assertThat(job.path("preview").path("created").asLong()).isEqualTo(2);
        assertThat(job.path("preview").path("duplicates").asLong()).isEqualTo(1);
        assertThat(job.path("preview").path("errors").asLong()).isEqualTo(1);
        assertThat(customers("CLI-D%")).isZero();
    }

    @Test
    void revertPreviewsThenUndoesAnImportAndExits0() throws IOException {
        Path csv = file("undo.csv", "customer_ref,name\nCLI-R1,Ann\nCLI-R2,Bo\n".getBytes(StandardCharsets.UTF_8));
        String jobId = cli("import", csv.toString(), "--kind", "customers", "--json").json().path("job_id").asString();
        assertThat(customers("CLI-R_")).isEqualTo(2);

        BulkImportCliDriver.Result preview = cli("revert", jobId, "--dry-run", "--json");

        assertThat(preview.exitCode()).as(preview.stderr()).isZero();
        assertThat(preview.json().path("would_delete").asLong()).isEqualTo(2);
        assertThat(customers("CLI-R_")).isEqualTo(2);

        BulkImportCliDriver.Result reverted = cli("revert", jobId);

        assertThat(reverted.exitCode()).as(reverted.stderr()).isZero();
        assertThat(reverted.stdout()).contains(" COMPLETED: 2 rows — 2 deleted, 0 created, 0 updated");
        assertThat(customers("CLI-R_")).isZero();
        BulkImportCliDriver.Result again = cli("revert", jobId);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("nothing of this import is left to revert");
    }

    @Test
    void aGivenEncodingIsHowTheFileIsRead() throws IOException {
        // 0xA4: '€' in ISO-8859-15; detection would read the same byte as ISO-8859-1's '¤'
        byte[] content = {'c', 'u', 's', 't', 'o', 'm', 'e', 'r', '_', 'r', 'e', 'f', ',', 'n', 'a', 'm', 'e', '\n',
                'C', 'L', 'I', '-', 'E', '1', ',', 'E', 'u', 'r', 'o', ' ', (byte) 0xA4, '\n'};
        Path given = file("given.csv", content);
        content[23] = '2';
        Path detected = file("detected.csv", content);

        BulkImportCliDriver.Result withEncoding = cli("import", given.toString(), "--kind", "customers",
                "--encoding", "ISO-8859-15", "--json");
        BulkImportCliDriver.Result withoutEncoding = cli("import", detected.toString(), "--kind", "customers", "--json");

        assertThat(withEncoding.exitCode()).as(withEncoding.stderr()).isZero();
        assertThat(withEncoding.json().path("encoding").asString()).isEqualTo("ISO-8859-15");
        assertThat(withoutEncoding.json().path("encoding").asString()).isEqualTo("ISO-8859-1");
        assertThat(jdbc.sql("SELECT string_agg(customer_ref || '=' || name, ';' ORDER BY customer_ref) FROM customers"
                        + " WHERE tenant = 'acme' AND customer_ref IN ('CLI-E1', 'CLI-E2')").query(String.class).single())
                .isEqualTo("CLI-E1=Euro \u20ac;CLI-E2=Euro \u00a4");
    }

    @Test
    void aFailedImportExits1AndSaysWhy() throws IOException {
        Path csv = file("no-names.csv", "customer_ref,phone\nCLI-F1,123\n".getBytes(StandardCharsets.UTF_8));

        BulkImportCliDriver.Result result = cli("import", csv.toString(), "--kind", "customers");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stdout()).contains(" FAILED: ")
                .contains("failed: required column name missing; the file's columns are: customer_ref, phone"
                        + " (map them with column_mapping)");
        assertThat(customers("CLI-F%")).isZero();
    }
}
