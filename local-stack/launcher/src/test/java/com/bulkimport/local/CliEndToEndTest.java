package com.bulkimport.local;

import com.bulkimport.cli.BulkImportCliDriver;
import com.bulkimport.cli.PartTransport;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
                + " restaurants, dishes, products, customers, purchases, reviews, inventory" + System.lineSeparator());
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
        // 0xA4: '€' in ISO-8859-15; detection would read the same byte as windows-1252's '¤'
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
        assertThat(withoutEncoding.json().path("encoding").asString()).isEqualTo("windows-1252");
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
                        + " (map one of them to it: the mapping step of the web UI,"
                        + " --map in the CLI, column_mapping in the API)");
        assertThat(customers("CLI-F%")).isZero();
    }

    @Test
    void mappingAppliesANamedMappingAndAnUnknownNameFailsClearly() throws IOException {
        String name = "CLI shop " + UUID.randomUUID().toString().substring(0, 8);
        JsonHttp.Response saved = http.post("/api/mappings", "application/json", JsonHttp.JSON.writeValueAsString(
                Map.of("name", name, "kind", "customers",
                        "mapping", Map.of("Kundennummer", "customer_ref", "Kunde", "name", "Notiz", ""))));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        Path csv = file("shop.csv", "Kundennummer,Kunde,Notiz\nCLI-N1,Ann,vip\nCLI-N2,Bo,\n"
                .getBytes(StandardCharsets.UTF_8));

        BulkImportCliDriver.Result listed = cli("mappings", "--kind", "customers");
        BulkImportCliDriver.Result imported = cli("import", csv.toString(), "--kind", "customers", "--mapping",
                name.toLowerCase(), "--json");
        BulkImportCliDriver.Result unknown = cli("import", csv.toString(), "--kind", "customers", "--mapping", "nope");

        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout()).contains("customers\t" + name + "\tKunde → name, Kundennummer → customer_ref,"
                + " Notiz → (ignored)" + System.lineSeparator());
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        assertThat(imported.json().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(imported.json().path("progress").path("created").asLong()).isEqualTo(2);
        // the column the mapping ignores is not imported, and no warning says so
        assertThat(imported.json().path("warnings")).isEmpty();
        assertThat(customers("CLI-N_")).isEqualTo(2);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).isEqualTo("error: there is no saved mapping named 'nope' for customers;"
                + " ./bulk-import mappings --kind customers lists them" + System.lineSeparator());
    }

    /** The parts a run sent, and how often each was tried; the parts in {@code failing} never arrive. */
    private static final class CutTransport implements PartTransport {
        private final PartTransport http = PartTransport.http();
        private final Set<Integer> failing;
        private final Set<Integer> sent = new ConcurrentSkipListSet<>();
        private final Map<Integer, Integer> attempts = new ConcurrentHashMap<>();

        CutTransport(Integer... failing) {
            this.failing = Set.of(failing);
        }

        @Override
        public String put(int partNumber, String url, Map<String, String> headers, Path file, long offset, long length,
                          LongConsumer progress) throws IOException, InterruptedException {
            attempts.merge(partNumber, 1, Integer::sum);
            if (failing.contains(partNumber)) {
                throw new IOException("connection reset (the test cut it)");
            }
            String etag = http.put(partNumber, url, headers, file, offset, length, progress);
            sent.add(partNumber);
            return etag;
        }
    }

    private static final int PART = 5 * 1024 * 1024;

    /**
     * A file of three parts (the stack uploads from 1 MB on in parts of 5 MiB): cut after part 1, resumed with
     * --resume and cut after part 2, then resumed by running the same command again. Each run sends exactly the
     * parts storage lacked, and the import holds every row once.
     */
    @Test
    void anUploadCutShortIsResumedSendingOnlyTheMissingParts() throws Exception {
        System.setProperty("bulkimport.cli.state-dir", dir.resolve("state").toString());
        try {
            // ~4 KB rows (an ignored notes column) keep the rows few: 2,641 for 2 parts and a bit
            StringBuilder text = new StringBuilder("customer_ref,name,notes\n");
            int rows = 0;
            while (text.length() < 2 * PART + 100_000) {
                rows++;
                text.append("CLI-MP-").append(rows).append(",Customer ").append(rows).append(',')
                        .append("n".repeat(4_000)).append('\n');
            }
            Path csv = file("big.csv", text.toString().getBytes(StandardCharsets.US_ASCII));

            CutTransport first = new CutTransport(2, 3);
            BulkImportCliDriver.Result cut = BulkImportCliDriver.run(first, withApi("import", csv.toString(), "--kind",
                    "customers"));

            assertThat(cut.exitCode()).as(cut.stderr()).isEqualTo(1);
            Matcher created = Pattern.compile("import ([0-9a-f-]{36}): uploading big.csv \\(\\d+ bytes\\) in 3 parts")
                    .matcher(cut.stderr());
            assertThat(created.find()).as(cut.stderr()).isTrue();
            String jobId = created.group(1);
            assertThat(cut.stderr()).contains("error: 2 of 3 parts did not arrive after 3 attempts each (part 2:"
                    + " connection reset (the test cut it)); the 1 others are stored: run the same command again, or add"
                    + " --resume " + jobId + ", to send only what is missing");
            assertThat(first.sent).containsExactly(1);
            assertThat(first.attempts).isEqualTo(Map.of(1, 1, 2, 3, 3, 3));
            JsonNode upload = http.get("/api/imports/" + jobId + "/upload").json();
            assertThat(upload.path("parts").size()).isEqualTo(1);
            assertThat(upload.path("missing_parts").toString()).isEqualTo("[2,3]");
            assertThat(Files.readString(dir.resolve("state/uploads.json"))).contains(jobId);

            CutTransport second = new CutTransport(3);
            BulkImportCliDriver.Result resumed = BulkImportCliDriver.run(second, withApi("import", csv.toString(), "--kind",
                    "customers", "--resume", jobId));

            assertThat(resumed.exitCode()).as(resumed.stderr()).isEqualTo(1);
            assertThat(resumed.stderr()).contains("import " + jobId + ": resuming the upload of big.csv: 1 of 3 parts"
                    + " already stored");
            assertThat(second.sent).containsExactly(2);

            CutTransport third = new CutTransport();
            BulkImportCliDriver.Result done = BulkImportCliDriver.run(third, withApi("import", csv.toString(), "--kind",
                    "customers", "--json"));

            assertThat(done.exitCode()).as(done.stderr()).isZero();
            assertThat(done.stderr()).contains("import " + jobId + ": resuming the upload of big.csv: 2 of 3 parts"
                    + " already stored");
            assertThat(third.sent).containsExactly(3);
            JsonNode job = done.json();
            assertThat(job.path("job_id").asString()).isEqualTo(jobId);
            assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(job.path("progress").path("created").asLong()).isEqualTo(rows);
            assertThat(customers("CLI-MP-%")).isEqualTo(rows);
            assertThat(Files.readString(dir.resolve("state/uploads.json"))).doesNotContain(jobId);
        } finally {
            System.clearProperty("bulkimport.cli.state-dir");
        }
    }
}
