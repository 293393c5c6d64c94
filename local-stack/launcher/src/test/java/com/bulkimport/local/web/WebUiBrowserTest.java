package com.bulkimport.local.web;

import com.bulkimport.local.embedded.testkit.Datasets;
import com.bulkimport.relay.outbox.OutboxRelay;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI in a real browser (Debian's headless Chromium) against the whole local stack: sign in at
 * the demo sign-in server, template, upload straight to S3Proxy, column mapping, preview, review (a refused cell
 * fixed and re-checked) and confirm,
 * live progress, cancel, pause and resume, the error report, a revert with its preview, another user's job, the admin
 * pages, a 375 px screen and the mapping at 390 px. Every page and state the flows reach is checked with axe-core
 * ({@link Browser#assertAccessible}); one whole import, preview, confirm, error report and revert, by keyboard alone.
 * Screenshots of each screen land in {@code target/screenshots}.
 */
class WebUiBrowserTest extends StackBrowserTest {

    private static final Duration IMPORT = Duration.ofMinutes(3);

    private static Browser signedIn(String user) {
        return UiSteps.signedIn(stack.apiUrl(), user);
    }

    private static String jobIdFromAddress(Browser browser) {
        return UiSteps.jobIdFromAddress(browser);
    }

    private static String status(String jobId) {
        return jdbc.sql("SELECT status FROM import_jobs WHERE id = :id").param("id", UUID.fromString(jobId))
                .query(String.class).single();
    }

    private static void uploadAndSample(Browser browser, String kind, Path file) {
        UiSteps.uploadAndSample(browser, kind, file);
    }

    @Test
    void signsInDownloadsTheTemplateAndImportsZomatoWithAMappingToTheEnd() throws Exception {
        jdbc.sql("DELETE FROM dishes WHERE tenant = 'acme'").update();
        jdbc.sql("DELETE FROM reviews WHERE tenant = 'acme'").update();
        jdbc.sql("DELETE FROM restaurants WHERE tenant = 'acme'").update();
        try (Browser browser = Browser.open()) {
            browser.go(stack.apiUrl() + "/");
            browser.screenshot("01-signed-out");
            browser.assertAccessible("signed out");
            browser.click("#sign-in");
            browser.find("input[name=username]");
            browser.screenshot("02-sign-in-page");
            browser.assertAccessible("the sign-in page");
            browser.signInOnLoginPage("alice", "alice-local");
            assertThat(browser.awaitText("#who-name", Duration.ofSeconds(20), t -> t.startsWith("alice"), "alice"))
                    .isEqualTo("alice · acme");
            assertThat(browser.present(".admin-only:not([hidden])")).isFalse();
            browser.find("#kind");
            browser.assertAccessible("new import: nothing chosen");

            browser.select("#kind", "restaurants");
            browser.click("#template-link");
            Path template = browser.awaitDownload("restaurants-template.csv", Duration.ofSeconds(20));
            String served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stack.apiUrl() + "/api/templates/restaurants.csv")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(Files.readString(template)).isEqualTo(served).startsWith("\uFEFFexternal_id,name,");
            browser.screenshot("03-new-import-kind");
            browser.select("#kind", "reviews");
            browser.click("#template-link");
            Path reviews = browser.awaitDownload("reviews-template.csv", Duration.ofSeconds(20));
            assertThat(Files.readString(reviews)).isEqualTo(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stack.apiUrl() + "/api/templates/reviews.csv")).build(),
                    HttpResponse.BodyHandlers.ofString()).body())
                    .startsWith("\uFEFFreview_ref,restaurant_external_id,author,rating,");

            Path zomato = Datasets.file("restaurants/zomato.csv");
            browser.select("#kind", "restaurants");
            browser.find("#file").sendKeys(zomato.toAbsolutePath().toString());
            browser.find("#chosen-file");
            browser.assertAccessible("new import: kind and file chosen");
            browser.click("#upload");
            browser.find("#mapping");
            assertThat(browser.text("#detected-encoding")).startsWith("ISO-8859-1");
            assertThat(browser.text("#detected-delimiter")).isEqualTo("comma");
            // the preview table shows the first rows exactly as parsed: the file's first record
            assertThat(browser.text("#sample-preview")).contains("Le Petit Souffle").contains("Makati City");
            browser.select("select[data-column='Restaurant ID']", "external_id");
            browser.select("select[data-column='Restaurant Name']", "name");
            browser.select("select[data-column='Aggregate rating']", "rating");
            assertThat(browser.text("#mapping-status")).isEqualTo("Every required field has a column.");
            assertThat(browser.unlabelledControls()).isEmpty();
            browser.screenshot("04-column-mapping");
            browser.openAllDetails();
            browser.assertAccessible("new import: detection and mapping");

            browser.click("input[name=mode][value=COMMIT]");
            browser.click("#start");
            String jobId = jobIdFromAddress(browser);
            browser.awaitAttribute("#job-status", "data-status", IMPORT, s -> s.startsWith("COMPLETED") || s.equals("FAILED"),
                    "the import to finish");
            browser.screenshot("05-job-completed");
            browser.assertAccessible("job: completed");
            // zomato.csv (2.2 MB) is above the stack's 1 MB threshold: the page uploaded it in parts and completed them
            assertThat(jdbc.sql("SELECT upload_id IS NOT NULL AND upload_completed_at IS NOT NULL FROM import_jobs"
                    + " WHERE id = :id").param("id", UUID.fromString(jobId)).query(Boolean.class).single()).isTrue();

            assertThat(browser.attribute("#job-status", "data-status")).isEqualTo("COMPLETED");
            assertThat(browser.text("#job-percentage")).isEqualTo("100 %");
            assertThat(browser.attribute("#job-progress", "value")).isEqualTo("100");
            assertThat(browser.text("[data-counter=total]")).isEqualTo("9,551");
            assertThat(browser.text("[data-counter=created]")).isEqualTo("9,551");
            assertThat(browser.text("[data-counter=errors]")).isEqualTo("0");
            assertThat(browser.text("#result-summary")).startsWith("9,551 created, 0 updated, 0 unchanged");
            assertThat(jdbc.sql("SELECT count(*) FROM restaurants WHERE tenant = 'acme'").query(Long.class).single())
                    .isEqualTo(9_551);
            assertThat(jdbc.sql("SELECT name FROM restaurants WHERE tenant = 'acme' AND external_id = '6317637'")
                    .query(String.class).single()).isEqualTo("Le Petit Souffle");
            assertThat(status(jobId)).isEqualTo("COMPLETED");

            browser.click("#records-link");
            browser.awaitText("#records", Duration.ofSeconds(20), t -> t.startsWith("9,551 restaurants"), "the records");
            browser.screenshot("06-records");
            browser.assertAccessible("records");

            browser.go(stack.apiUrl() + "/#/history");
            browser.awaitText("#history", Duration.ofSeconds(20), t -> t.contains("zomato.csv"), "the history");
            browser.assertAccessible("history");
            browser.select("#filter-status", "FAILED");
            // by name too: alice's other imports (a header-only file's) may have failed on purpose
            browser.type("#filter-file", "zomato");
            browser.click("form[role=search] button[type=submit]");
            browser.awaitText("#history", Duration.ofSeconds(20), t -> t.startsWith("0 imports"), "the filtered history");
            browser.screenshot("07-history-filtered");
        }
    }

    /**
     * An .xlsx upload: the columns step names the workbook and its sheets (the first visible one read), choosing
     * the hidden "Customers" sheet reads that one, and the import writes its rows.
     */
    @Test
    void anExcelWorkbookShowsItsSheetsAndImportsTheSheetChosen() throws Exception {
        jdbc.sql("DELETE FROM customers WHERE tenant = 'acme' AND customer_ref LIKE 'XL-%'").update();
        Path file = Files.createTempFile("customers-", ".xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             java.io.OutputStream out = Files.newOutputStream(file)) {
            workbook.createSheet("Cover").createRow(0).createCell(0).setCellValue("Customer list");
            org.apache.poi.ss.usermodel.Sheet customers = workbook.createSheet("Customers");
            customers.createRow(0).createCell(0).setCellValue("customer_ref");
            customers.getRow(0).createCell(1).setCellValue("name");
            for (int i = 1; i <= 3; i++) {
                customers.createRow(i).createCell(0).setCellValue("XL-" + i);
                customers.getRow(i).createCell(1).setCellValue("Excel customer " + i);
            }
            workbook.setSheetHidden(1, true);
            workbook.write(out);
        }
        try (Browser browser = signedIn("alice")) {
            uploadAndSample(browser, "customers", file);
            assertThat(browser.text("#detected-format")).isEqualTo("Excel workbook (.xlsx)");
            assertThat(browser.text("#sample-preview")).contains("The file has a header but no rows.");

            browser.select("#sheet", "Customers");
            browser.awaitText("#sample-preview", Duration.ofSeconds(20), t -> t.contains("Excel customer 1"),
                    "the chosen sheet's rows");
            assertThat(browser.text("#mapping-status")).isEqualTo("Every required field has a column.");
            browser.screenshot("xlsx-columns");
            browser.assertAccessible("new import: a workbook's sheets");

            browser.click("input[name=mode][value=COMMIT]");
            browser.click("#start");
            String jobId = jobIdFromAddress(browser);
            browser.awaitAttribute("#job-status", "data-status", IMPORT, s -> s.startsWith("COMPLETED") || s.equals("FAILED"),
                    "the import to finish");
            assertThat(status(jobId)).isEqualTo("COMPLETED");
            assertThat(jdbc.sql("SELECT sheet FROM import_jobs WHERE id = :id").param("id", UUID.fromString(jobId))
                    .query(String.class).single()).isEqualTo("Customers");
            assertThat(jdbc.sql("SELECT name FROM customers WHERE tenant = 'acme' AND customer_ref LIKE 'XL-%'"
                    + " ORDER BY customer_ref").query(String.class).list())
                    .containsExactly("Excel customer 1", "Excel customer 2", "Excel customer 3");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aFileWithErrorsIsPreviewedConfirmedAndItsErrorReportHoldsTheRefusedRows() throws IOException {
        String p = "UI" + Long.toString(System.nanoTime(), 36).toUpperCase();
        // rows 2 (no name) and 3 (not an email) are refused, row 4 repeats row 1, row 5 renames the stored "Dee":
        // counted independently of the code
        String csv = "customer_ref,name,email,country\n"
                + p + "-1,Ann,ann@example.com,PT\n"
                + p + "-2,,bo@example.com,PT\n"
                + p + "-3,Cy,not-an-email,PT\n"
                + p + "-1,Ann again,ann@example.com,PT\n"
                + p + "-5,Di,di@example.com,ES\n";
        Path file = Files.createTempFile("customers-with-errors", ".csv");
        Files.writeString(file, csv);
        jdbc.sql("INSERT INTO customers (tenant, match_key, customer_ref, name, email, country)"
                + " VALUES ('acme', :ref, :ref, 'Dee', 'di@example.com', 'ES')").param("ref", p + "-5").update();
        try (Browser browser = signedIn("alice")) {
            // every step by keyboard alone (the file is chosen through its input, as the file dialog would), and
            // after every re-render the focus is where the user was or on what comes next, never on <body>
            browser.find("#kind");
            browser.tabTo("#kind");
            browser.chooseByKeyboard("#kind", "customers");
            browser.tabTo("#file");
            browser.find("#file").sendKeys(file.toAbsolutePath().toString());
            browser.awaitText("#chosen-file", Duration.ofSeconds(10), t -> t.contains(file.getFileName().toString()),
                    "the chosen file");
            browser.awaitFocus("#file", "once the file step shows the file chosen");
            browser.tabTo("#upload");
            browser.press(Keys.ENTER);
            browser.find("#mapping");
            browser.awaitFocus("#step-mapping", "once the file is uploaded and sampled");
            assertThat(browser.text("#mapping-status")).isEqualTo("Every required field has a column.");
            browser.tabTo("select[data-column]");
            browser.tabTo("input[name=mode]:checked");
            assertThat(browser.attribute("input[name=mode]:checked", "value")).isEqualTo("DRY_RUN");
            browser.tabTo("#start");
            browser.press(Keys.ENTER);
            String jobId = jobIdFromAddress(browser);
            browser.awaitAttribute("#job-status", "data-status", IMPORT, s -> !s.equals("PENDING") && !s.equals("INGESTING"),
                    "the preview");
            assertThat(browser.attribute("#job-status", "data-status")).isEqualTo("PREVIEW_READY");
            // the page re-rendered with each new status: the focus stayed where navigation put it
            assertThat(browser.focused()).isEqualTo("main#main");
            assertThat(browser.text("[data-counter=preview-created]")).isEqualTo("1");
            assertThat(browser.text("[data-counter=preview-updated]")).isEqualTo("1");
            assertThat(browser.text("[data-counter=preview-errors]")).isEqualTo("2");
            // the update's example: the stored name before the file's, only the field that changes marked
            browser.tabTo("#preview details:nth-of-type(2) summary");
            browser.press(Keys.ENTER);
            assertThat(browser.text("#preview details:nth-of-type(2) summary")).isEqualTo("Would update: examples (1)");
            assertThat(browser.text("#preview details:nth-of-type(2) td[data-label=name]")).isEqualTo("Dee → Di");
            assertThat(browser.text("#preview details:nth-of-type(2) td[data-label=email]")).isEqualTo("di@example.com");
            assertThat(browser.text("[data-counter=preview-duplicates]")).isEqualTo("1");
            assertThat(jdbc.sql("SELECT name FROM customers WHERE customer_ref LIKE :p").param("p", p + "-%")
                    .query(String.class).list()).as("nothing written").containsExactly("Dee");
            browser.openAllDetails();
            browser.screenshot("08-preview");
            browser.assertAccessible("job: preview");

            // the review step: the three problem rows with their counts, then row 3's e-mail fixed in place and
            // re-checked: it joins the preview as a creation, without uploading again
            assertThat(browser.awaitText("#review-summary", Duration.ofSeconds(20), t -> t.startsWith("3 rows"),
                    "the review's problems")).isEqualTo("3 rows with problems (3 problems).");
            assertThat(browser.text("#review-code-NOT_AN_EMAIL")).isEqualTo("NOT_AN_EMAIL (1)");
            assertThat(browser.text("#review-column-email")).isEqualTo("email (1)");
            assertThat(browser.attribute("input[data-row='3'][data-column='email']", "value")).isEqualTo("not-an-email");
            browser.type("input[data-row='3'][data-column='email']", "cy@example.com");
            browser.click("#review-recheck");
            browser.awaitText("#review-summary", Duration.ofSeconds(20), t -> t.startsWith("2 rows"), "the re-check");
            assertThat(browser.awaitText("[data-counter=preview-created]", Duration.ofSeconds(20), "2"::equals,
                    "the refreshed preview")).isEqualTo("2");
            assertThat(browser.text("[data-counter=preview-errors]")).isEqualTo("1");
            assertThat(browser.present("input[data-row='3']")).isFalse();
            browser.screenshot("08b-reviewed");

            browser.tabTo("#confirm");
            browser.press(Keys.ENTER);
            browser.awaitAttribute("#job-status", "data-status", IMPORT, s -> s.startsWith("COMPLETED") || s.equals("FAILED"),
                    "the confirmed import");
            assertThat(browser.attribute("#job-status", "data-status")).isEqualTo("COMPLETED_WITH_ERRORS");
            // "Confirm" is gone with the status it belonged to: the focus is on the new status, what follows it
            browser.awaitFocus("#job-state", "after Confirm");
            assertThat(browser.text("[data-counter=created]")).isEqualTo("2");
            assertThat(browser.text("[data-counter=updated]")).isEqualTo("1");
            assertThat(browser.text("[data-counter=errors]")).isEqualTo("1");
            assertThat(browser.text("[data-counter=duplicates]")).isEqualTo("1");
            assertThat(jdbc.sql("SELECT customer_ref FROM customers WHERE customer_ref LIKE :p ORDER BY 1")
                    .param("p", p + "-%").query(String.class).list()).containsExactly(p + "-1", p + "-3", p + "-5");
            assertThat(jdbc.sql("SELECT email FROM customers WHERE customer_ref = :ref").param("ref", p + "-3")
                    .query(String.class).single()).as("the fixed value").isEqualTo("cy@example.com");
            assertThat(jdbc.sql("SELECT name FROM customers WHERE customer_ref = :ref").param("ref", p + "-5")
                    .query(String.class).single()).isEqualTo("Di");
            browser.screenshot("09-completed-with-errors");
            browser.assertAccessible("job: completed with errors");

            browser.tabTo("#error-report");
            browser.press(Keys.ENTER);
            Path report = browser.awaitDownload(file.getFileName().toString().replace(".csv", "") + "-errors.csv",
                    Duration.ofSeconds(20));
            List<NamedCsvRecord> rows;
            try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(
                    Files.readString(report, StandardCharsets.UTF_8).replace("\uFEFF", ""))) {
                rows = reader.stream().toList();
            }
            Set<List<String>> refusedRows = rows.stream()
                    .map(r -> List.of(r.getField("row_number"), r.getField("customer_ref"))).collect(Collectors.toSet());
            assertThat(refusedRows).containsExactlyInAnyOrder(List.of("2", p + "-2"), List.of("4", p + "-1"));
            assertThat(rows).hasSize(2);
            browser.awaitFocus("#error-report", "once the report is downloaded");
            assertThat(rows).allSatisfy(r -> assertThat(r.getField("error_message")).isNotBlank());
            assertThat(status(jobId)).isEqualTo("COMPLETED_WITH_ERRORS");

            // Revert this import: its preview first, then the revert, a job of its own
            browser.tabTo("#revert-preview");
            browser.press(Keys.ENTER);
            // Ann (row 1) and Cy (row 3, fixed at review) were created by the import, Dee renamed by it: two to
            // delete, one to give its name back
            assertThat(browser.awaitText("[data-counter=revert-delete]", Duration.ofSeconds(20), "2"::equals,
                    "the revert's preview")).isEqualTo("2");
            browser.awaitFocus("#revert-preview", "once the revert's preview shows");
            assertThat(browser.text("[data-counter=revert-restore]")).isEqualTo("1");
            assertThat(browser.text("[data-counter=revert-conflicts]")).isEqualTo("0");
            assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE customer_ref LIKE :p").param("p", p + "-%")
                    .query(Long.class).single()).as("a preview changes nothing").isEqualTo(3);
            browser.openAllDetails();
            browser.screenshot("09b-revert-preview");
            browser.assertAccessible("job: revert preview");
            browser.tabTo("#revert-confirm");
            browser.press(Keys.ENTER);
            String revertId = browser.waitFor(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains(jobId) ? null
                    : UiSteps.jobIdFromAddress(browser), "the revert's page");
            browser.awaitAttribute("#job-status", "data-status", IMPORT, "COMPLETED"::equals, "the revert to end");
            assertThat(browser.focused()).isEqualTo("main#main");
            assertThat(browser.text("[data-counter=deleted]")).isEqualTo("2");
            assertThat(browser.present("#reverts")).isTrue();
            assertThat(browser.present("#revert-preview")).as("a revert is not reverted").isFalse();
            assertThat(jdbc.sql("SELECT string_agg(customer_ref || ':' || name, ',') FROM customers"
                    + " WHERE customer_ref LIKE :p").param("p", p + "-%").query(String.class).single())
                    .as("Ann and Cy gone, Dee's name back").isEqualTo(p + "-5:Dee");
            assertThat(status(revertId)).isEqualTo("COMPLETED");
            browser.screenshot("09c-reverted");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {@code rows} customers whose refs start with {@code prefix}, in a temporary file. */
    private static Path customersFile(String prefix, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("customer_ref,name\n");
        for (int i = 0; i < rows; i++) {
            csv.append(prefix).append('-').append(i).append(",Customer ").append(i).append('\n');
        }
        Path file = Files.createTempFile("customers-" + prefix, ".csv");
        Files.writeString(file, csv);
        return file;
    }

    /**
     * Starts importing {@code file} and holds it where it runs: once the worker reads the file the relay stops, so
     * no batch can reach a worker until the caller starts the relay again. @return the job's id
     */
    private static String runningWithBatchesHeld(Browser browser, Path file, OutboxRelay relay) {
        uploadAndSample(browser, "customers", file);
        browser.click("input[name=mode][value=COMMIT]");
        browser.click("#start");
        String jobId = jobIdFromAddress(browser);
        browser.waitFor(Duration.ofSeconds(60), d -> !status(jobId).equals("PENDING") ? true : null, "the ingest to start");
        relay.stop();
        return jobId;
    }

    /**
     * Reviews whose dates Excel wrote day first with the year last: the page asks for the order, proposes the one a
     * value shows (13/1/2024 can only be day first), and the job starts with it.
     */
    @Test
    void datesWithTheYearLastAskForTheirOrderAndTheJobTakesIt() throws IOException {
        Path file = Files.createTempFile("reviews-dmy", ".csv");
        Files.writeString(file, "review_ref,restaurant_external_id,author,rating,reviewed_at\n"
                + "DMY-1,R-DMY,Ann,4,1/2/2024 10:00\nDMY-2,R-DMY,Bo,5,13/1/2024 9:30\n");
        try (Browser browser = signedIn("alice")) {
            uploadAndSample(browser, "reviews", file);
            browser.find("#date-order");
            assertThat(browser.attribute("#date-order", "value")).isEqualTo("DMY");
            assertThat(browser.text("#date-order-hint")).isEqualTo("Your file's dates can only be read day first.");
            browser.assertAccessible("new import: dates with the year last");
            browser.click("#start");
            String jobId = jobIdFromAddress(browser);
            assertThat(jdbc.sql("SELECT options->>'date_order' FROM import_jobs WHERE id = :id")
                    .param("id", UUID.fromString(jobId)).query(String.class).single()).isEqualTo("DMY");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aRunningImportIsCancelledFromItsPage() throws IOException {
        String p = "UC" + Long.toString(System.nanoTime(), 36).toUpperCase();
        Path file = customersFile(p, 100_000);
        OutboxRelay relay = stack.relay().getBean(OutboxRelay.class);
        try (Browser browser = signedIn("alice")) {
            runningWithBatchesHeld(browser, file, relay);
            try {
                browser.awaitAttribute("#job-status", "data-status", Duration.ofSeconds(20),
                        s -> s.equals("INGESTING") || s.equals("APPLYING"), "the running import");
                browser.screenshot("10-running");
                browser.assertAccessible("job: running");
                browser.click("#cancel");
                browser.acceptConfirm();
                browser.awaitAttribute("#job-status", "data-status", Duration.ofSeconds(20),
                        s -> s.equals("CANCELLING") || s.equals("CANCELLED"), "the cancel to be taken");
            } finally {
                relay.start();
            }
            browser.awaitAttribute("#job-status", "data-status", IMPORT, "CANCELLED"::equals, "the import to stop");
            browser.screenshot("11-cancelled");
            long created = jdbc.sql("SELECT count(*) FROM customers WHERE customer_ref LIKE :p").param("p", p + "-%")
                    .query(Long.class).single();
            assertThat(created).isZero();
            assertThat(browser.text("[data-counter=created]")).isEqualTo("0");
            assertThat(browser.text("#result-summary")).startsWith("Cancelled.");
            assertThat(browser.present("#cancel")).isFalse();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * An 11 MB file goes up in three parts, in parallel; the first PUT of part 2 fails (the page's XMLHttpRequest is
     * made to lose it) and is tried again; the upload is completed and the file sampled as any other.
     */
    @Test
    void aBigFileGoesUpInPartsAndAFailedPartIsTriedAgain() throws IOException {
        String p = "UM" + Long.toString(System.nanoTime(), 36).toUpperCase();
        StringBuilder csv = new StringBuilder("customer_ref,name\n");
        for (int i = 0; csv.length() < 2 * 5 * 1024 * 1024 + 1_000; i++) {
            csv.append(p).append('-').append(i).append(",Customer ").append(i).append('\n');
        }
        Path file = Files.createTempFile("customers-" + p, ".csv");
        Files.writeString(file, csv);
        try (Browser browser = signedIn("alice")) {
            browser.script("""
                    window.partPuts = [];
                    const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
                    XMLHttpRequest.prototype.open = function (method, url) {
                      this.partNumber = /[?&]partNumber=(\\d+)/.exec(url)?.[1];
                      return open.apply(this, arguments);
                    };
                    XMLHttpRequest.prototype.send = function () {
                      if (this.partNumber) {
                        window.partPuts.push(Number(this.partNumber));
                        if (this.partNumber === '2' && window.partPuts.filter(n => n === 2).length === 1) {
                          setTimeout(() => this.onerror(new ProgressEvent('error')), 0);
                          return;
                        }
                      }
                      return send.apply(this, arguments);
                    };""");
            uploadAndSample(browser, "customers", file);

            assertThat(browser.text("#sample-preview")).contains(p + "-0");
            @SuppressWarnings("unchecked")
            List<Long> puts = (List<Long>) browser.script("return window.partPuts.slice().sort()");
            assertThat(puts).containsExactly(1L, 2L, 2L, 3L);
            String jobId = jdbc.sql("SELECT id::text FROM import_jobs WHERE file_name = :name")
                    .param("name", file.getFileName().toString()).query(String.class).single();
            assertThat(jdbc.sql("SELECT upload_completed_at IS NOT NULL FROM import_jobs WHERE id = :id")
                    .param("id", UUID.fromString(jobId)).query(Boolean.class).single()).isTrue();
            assertThat(status(jobId)).isEqualTo("AWAITING_UPLOAD");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aFileStillBeingReadShowsTheShareReadAndTheRowsItWillHold() {
        // as the worker leaves a job a quarter into a 4 MB file: 2,500 rows read, so about 10,000 in all
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, options, total_rows,
                                                 started_at, file_size, ingest_row, ingest_file_bytes)
                        VALUES (:id, 'alice', 'acme', 'customers', 'COMMIT', 'INGESTING', 'big-file.csv', '{}'::jsonb,
                                2500, now() - interval '100 seconds', 4000000, 2500, 1000000)""")
                .param("id", id).update();
        try (Browser alice = signedIn("alice")) {
            alice.go(stack.apiUrl() + "/#/imports/" + id);
            String rate = alice.awaitText("#job-rate", Duration.ofSeconds(20), t -> t.contains("rows read"), "reading");
            assertThat(rate).startsWith("Reading the file: 25 %");
            assertThat(alice.text("#job-estimated-rows")).endsWith("2,500 of about 10,000 rows read");
            assertThat(alice.attribute("#job-progress", "value")).isEqualTo("25");
            alice.screenshot("04b-reading-a-big-file");
        } finally {
            jdbc.sql("DELETE FROM import_jobs WHERE id = :id").param("id", id).update();
        }
    }

    @Test
    void aRunningImportIsPausedAndResumedFromItsPage() throws IOException {
        String p = "UP" + Long.toString(System.nanoTime(), 36).toUpperCase();
        Path file = customersFile(p, 20_000);
        OutboxRelay relay = stack.relay().getBean(OutboxRelay.class);
        try (Browser browser = signedIn("alice")) {
            runningWithBatchesHeld(browser, file, relay);
            try {
                browser.awaitAttribute("#job-status", "data-status", Duration.ofSeconds(20),
                        s -> s.equals("INGESTING") || s.equals("APPLYING"), "the running import");
                browser.click("#pause");
                browser.awaitAttribute("#job-status", "data-status", Duration.ofSeconds(20), "PAUSED"::equals,
                        "the pause to be taken");
                browser.screenshot("12-paused");
                assertThat(browser.text("#job-status")).isEqualTo("Paused");
                assertThat(browser.present("#resume")).isTrue();
                assertThat(browser.present("#cancel")).isTrue();
                assertThat(browser.present("#pause")).isFalse();
            } finally {
                relay.start();
            }
            browser.click("#resume");
            browser.awaitAttribute("#job-status", "data-status", IMPORT, "COMPLETED"::equals, "the import to end");
            browser.screenshot("13-resumed-and-completed");
            assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE customer_ref LIKE :p").param("p", p + "-%")
                    .query(Long.class).single()).isEqualTo(20_000);
            assertThat(browser.text("[data-counter=created]")).isEqualTo("20,000");
            assertThat(browser.present("#pause")).isFalse();
            assertThat(browser.present("#resume")).isFalse();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void bobCannotOpenAlicesJobPageAndSigningOutEndsTheSession() throws IOException {
        Path file = Files.createTempFile("alice-private", ".csv");
        Files.writeString(file, "customer_ref,name\nPRIV-1,Ann\n");
        String jobId;
        try (Browser alice = signedIn("alice")) {
            uploadAndSample(alice, "customers", file);
            alice.click("#start");
            jobId = jobIdFromAddress(alice);
            alice.awaitAttribute("#job-status", "data-status", IMPORT, s -> s.equals("PREVIEW_READY"), "alice's preview");
            alice.click("#sign-out");
            alice.awaitText("main", Duration.ofSeconds(20), t -> t.contains("You are signed out."), "the signed-out page");
            // no "Sign out" for someone signed out (its hidden attribute once lost to the header's display: flex)
            assertThat(alice.all("#sign-out")).singleElement().satisfies(b -> assertThat(b.isDisplayed()).isFalse());
            alice.click("#sign-in");
            // the sign-in server's session ended too: it asks who you are again
            alice.find("input[name=username]");
        } finally {
            Files.deleteIfExists(file);
        }
        try (Browser bob = signedIn("bob")) {
            bob.go(stack.apiUrl() + "/#/imports/" + jobId);
            assertThat(bob.awaitText("h1", Duration.ofSeconds(20), t -> t.equals("Import not found"), "not found"))
                    .isEqualTo("Import not found");
            assertThat(bob.text(".problem")).contains("Import not found");
            assertThat(bob.text("main")).doesNotContain("alice-private").doesNotContain("PRIV-1");
            bob.screenshot("12-someone-elses-job");
            bob.assertAccessible("job: not found");
            bob.go(stack.apiUrl() + "/#/history");
            assertThat(bob.awaitText("#history", Duration.ofSeconds(20), t -> !t.isEmpty(), "bob's history"))
                    .doesNotContain("alice-private");
        }
    }

    @Test
    void anAdminReplaysADeadEventAndSeesTheDeadLetters() {
        UUID id = UUID.randomUUID();
        String envelope = "{\"event_id\":\"" + id + "\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"event_type\":\"IMPORT_JOB_COMPLETED\","
                + "\"source\":\"bulk-import.batch-worker\",\"version\":1,\"trace_id\":\"t\",\"status\":\"COMPLETED\",\"payload\":{}}";
        jdbc.sql("""
                        INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, status, attempts, last_error)
                        VALUES (:id, 'import_job', :aggregate, 'IMPORT_JOB_COMPLETED', :payload::jsonb, 'DEAD', 10,
                                'bus throttled (test)')""")
                .param("id", id).param("aggregate", UUID.randomUUID().toString()).param("payload", envelope).update();
        try (Browser admin = signedIn("admin")) {
            assertThat(admin.present(".admin-only:not([hidden])")).isTrue();
            admin.click("a[data-nav=outbox]");
            admin.awaitText("#outbox-events", Duration.ofSeconds(20), t -> t.contains("bus throttled (test)"), "the dead event");
            admin.screenshot("13-admin-outbox");
            admin.assertAccessible("admin: outbox");
            admin.click("button[aria-label='Replay IMPORT_JOB_COMPLETED " + id + "']");
            assertThat(admin.text("#admin-problem")).contains("the note is required");
            admin.type("#replay-note", "replayed from the browser test");
            admin.click("button[aria-label='Replay IMPORT_JOB_COMPLETED " + id + "']");
            admin.waitFor(Duration.ofSeconds(20), d -> !jdbc.sql("SELECT status FROM outbox_events WHERE id = :id")
                    .param("id", id).query(String.class).single().equals("DEAD") ? true : null, "the replay");
            Map<String, Object> replayed = jdbc.sql("SELECT replay_note, replayed_by, replay_count FROM outbox_events WHERE id = :id")
                    .param("id", id).query().singleRow();
            assertThat(replayed).containsEntry("replay_note", "replayed from the browser test")
                    .containsEntry("replayed_by", "admin").containsEntry("replay_count", 1);

            admin.click("a[data-nav=dead-letters]");
            admin.awaitText("#dead-letters", Duration.ofSeconds(20), t -> t.contains("open dead letters"), "the dead letters");
            assertThat(admin.unlabelledControls()).isEmpty();
            admin.screenshot("14-admin-dead-letters");
            admin.assertAccessible("admin: dead letters");
        }
    }

    /**
     * Issue 18's failed-read path and rough edges: focus stays on the kind just chosen; a binary file named .csv is
     * refused with its reason, its job FAILED with it (never started) and the page back to a clean file choice, so the
     * next file is chosen, uploaded and sampled; a header-only file fails NO_DATA_ROWS with no retry offered (a finished
     * product import with failed images offers "Retry failed images"); a job not
     * yet uploaded is cancelled from its page; an admin's history is everyone's, with owners and the start times.
     */
    @Test
    void anUnreadableFileStartsOverAndAHeaderOnlyFileOffersNoRetry() throws IOException {
        String p = "ur" + Long.toString(System.nanoTime(), 36);
        Path binary = Files.createTempFile("binary-" + p + "-", ".csv");
        byte[] garbage = new byte[4096];
        new java.util.Random(3).nextBytes(garbage);
        Files.write(binary, garbage);
        Path headerOnly = Files.createTempFile("header-only-" + p + "-", ".csv");
        Files.writeString(headerOnly, "customer_ref,name\n");
        try (Browser browser = signedIn("alice")) {
            browser.find("#kind");
            browser.script("document.getElementById('kind').focus()");
            browser.select("#kind", "customers");
            // the step re-rendered around the select: focus is on it again, not on <body>
            assertThat(browser.script("return document.activeElement.id")).isEqualTo("kind");

            browser.find("#file").sendKeys(binary.toAbsolutePath().toString());
            browser.click("#upload");
            assertThat(browser.awaitText("#upload-problem", Duration.ofSeconds(20), t -> !t.isEmpty(), "the refusal"))
                    .contains("The file cannot be read").contains("the file is not CSV text");
            Map<String, Object> failed = jdbc.sql("SELECT status, failure_code, failure_reason, started_at FROM import_jobs"
                    + " WHERE file_name = :name").param("name", binary.getFileName().toString()).query().singleRow();
            assertThat(failed).containsEntry("status", "FAILED").containsEntry("failure_code", "NOT_TEXT")
                    .containsEntry("started_at", null);
            assertThat((String) failed.get("failure_reason")).startsWith("the file is not CSV text");
            assertThat(browser.text("main")).doesNotContain("Uploaded ");
            browser.assertAccessible("new import: a file that cannot be read");

            // a clean choice: the next file is chosen, uploaded and sampled as any other
            uploadAndSample(browser, "customers", headerOnly);
            assertThat(browser.text("#sample-preview")).isEqualTo("The file has a header but no rows.");
            browser.click("input[name=mode][value=COMMIT]");
            browser.click("#start");
            String headerOnlyJob = jobIdFromAddress(browser);
            browser.awaitAttribute("#job-status", "data-status", IMPORT, "FAILED"::equals, "the header-only import to fail");
            assertThat(browser.text("#job-failure")).contains("the file has a header but no data rows")
                    .contains("Code: NO_DATA_ROWS");
            // reading the same file again could only fail again: no retry is offered
            assertThat(browser.present("#retry")).isFalse();
            browser.screenshot("18-header-only-failed");
            browser.assertAccessible("job: failed");

            // a finished product import whose images partly failed offers to fetch those again (and only those)
            UUID withImages = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, file_size, object_key,
                                                     options, trace_id, started_at, completed_at, total_rows,
                                                     processed_rows, created_count, images_total, images_done,
                                                     images_failed)
                            SELECT :id, owner, tenant, 'products', 'COMMIT', 'COMPLETED', :name, 10, object_key,
                                   '{}'::jsonb, trace_id, now(), now(), 2, 2, 2, 3, 1, 2
                            FROM import_jobs WHERE id = :from""")
                    .param("id", withImages).param("name", "images-" + withImages + ".csv")
                    .param("from", UUID.fromString(headerOnlyJob)).update();
            browser.go(stack.apiUrl() + "/#/imports/" + withImages);
            browser.awaitAttribute("#job-status", "data-status", Duration.ofSeconds(20), "COMPLETED"::equals,
                    "the finished import with failed images");
            assertThat(browser.text("#job-counters")).contains("Images failed");
            assertThat(browser.present("#retry")).isFalse();
            browser.click("#retry-images");
            browser.awaitText("#announcer", Duration.ofSeconds(20),
                    "The failed images are being fetched again."::equals, "the images retry to be sent");
            assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregateid = :id AND type = 'IMPORT_IMAGES_RETRY'")
                    .param("id", withImages.toString()).query(Long.class).single()).isEqualTo(1);
            assertThat(status(withImages.toString())).isEqualTo("COMPLETED");

            String awaiting = (String) browser.script("return import('/app/api.js').then(m => m.api.post('/api/imports',"
                    + " {kind: 'customers', file_name: 'never-uploaded-" + p + ".csv', content_length: 10, mode: 'COMMIT'},"
                    + " {'Idempotency-Key': crypto.randomUUID()})).then(created => created.job_id)");
            browser.go(stack.apiUrl() + "/#/imports/" + awaiting);
            browser.awaitAttribute("#job-status", "data-status", Duration.ofSeconds(20), "AWAITING_UPLOAD"::equals,
                    "the job awaiting its upload");
            browser.click("#cancel");
            browser.acceptConfirm();
            browser.awaitAttribute("#job-status", "data-status", Duration.ofSeconds(20), "CANCELLED"::equals, "the cancel");
            assertThat(status(awaiting)).isEqualTo("CANCELLED");

            try (Browser admin = signedIn("admin")) {
                admin.go(stack.apiUrl() + "/#/history?file_name=" + p);
                admin.awaitText("#history", Duration.ofSeconds(20), t -> t.startsWith("3 imports"), "alice's three imports");
                assertThat(admin.text("h1")).isEqualTo("All imports");
                String startedAt = jdbc.sql("SELECT to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                        + " FROM import_jobs WHERE id = :id").param("id", UUID.fromString(headerOnlyJob)).query(String.class).single();
                Object started = admin.script("return new Date(arguments[0]).toLocaleString('en-GB',"
                        + " { dateStyle: 'medium', timeStyle: 'medium' })", startedAt);
                @SuppressWarnings("unchecked")
                Map<String, Object> rows = (Map<String, Object>) admin.script("""
                        const rows = {};
                        for (const tr of document.querySelectorAll('#history tbody tr')) {
                          const cell = label => { const td = tr.querySelector('td[data-label="' + label + '"]'); return td ? td.textContent : '(none)'; };
                          rows[cell('File')] = cell('Started') + ' | ' + cell('Owner');
                        }
                        return rows;""");
                assertThat(rows).containsExactlyInAnyOrderEntriesOf(Map.of(
                        binary.getFileName().toString(), "– | alice · acme",
                        headerOnly.getFileName().toString(), started + " | alice · acme",
                        "never-uploaded-" + p + ".csv", "– | alice · acme"));
                admin.screenshot("19-admin-history");
                admin.assertAccessible("admin: everyone's history");
            }
        } finally {
            Files.deleteIfExists(binary);
            Files.deleteIfExists(headerOnly);
        }
    }

    @Test
    void everyScreenFitsA375PixelPhoneTheMappingA390PixelOneAndApiProblemsShowAsMessages() throws IOException {
        try (Browser browser = signedIn("carol")) {
            browser.resize(375, 812);
            for (String page : List.of("#/imports/new", "#/history", "#/records/restaurants", "#/records/products",
                    "#/webhooks", "#/settings")) {
                browser.go(stack.apiUrl() + "/" + page);
                browser.find("h1");
                browser.waitFor(Duration.ofSeconds(20), d -> browser.present(".loading") ? null : true, page + " loaded");
                assertThat(browser.horizontalOverflow()).as(page).isZero();
                assertThat(browser.unlabelledControls()).as(page).isEmpty();
            }
            browser.screenshot("15-phone-records");
            // an API problem (a filter the API refuses) shows as its message, never as JSON
            browser.go(stack.apiUrl() + "/#/history?status=NOT_A_STATUS");
            String problem = browser.text(".problem");
            assertThat(problem).contains("The request is not valid").contains("status must be one of");
            assertThat(problem).doesNotContain("{").doesNotContain("\"type\"");
            browser.screenshot("16-phone-problem");
            browser.assertAccessible("history: a filter the API refuses");

            browser.go(stack.apiUrl() + "/#/imports/new");
            browser.select("#kind", "products");
            Path empty = Files.createTempFile("empty", ".csv");
            try {
                browser.find("#file").sendKeys(empty.toAbsolutePath().toString());
                browser.click("#upload");
                assertThat(browser.text("#upload-problem")).contains("The file is empty");
            } finally {
                Files.deleteIfExists(empty);
            }
            assertThat(browser.horizontalOverflow()).isZero();
            browser.screenshot("17-phone-new-import");

            mappingFirstAndRememberedOnAPhone(browser);
            // 390 px: the mapping of a file with many long columns is reachable, and none of its selects or buttons is
            // cut off; only the sample table scrolls sideways, inside its own box
            browser.resize(390, 844);
            Path wide = Files.createTempFile("wide-restaurants", ".csv");
            try {
                Files.writeString(wide, "Restaurant ID,Restaurant Name,Country Code,City,Address,Locality Verbose,"
                        + "Cuisines,Average Cost for two,Aggregate rating,Votes,A column whose name is much longer than the screen is wide\n"
                        + "6317637,Le Petit Souffle,162,Makati City,\"Third Floor, Century City Mall, Kalayaan Avenue, Poblacion,"
                        + " Makati City\",\"Century City Mall, Poblacion, Makati City, Makati City\",\"French, Japanese, Desserts\","
                        + "1100,4.8,314,a value just as long as its name so that the sample table has to scroll sideways\n");
                // a new import from a fresh page: the one before left its upload's choices settled (kind disabled)
                browser.go(stack.apiUrl() + "/#/history");
                browser.find("#filter-status");
                browser.go(stack.apiUrl() + "/#/imports/new");
                uploadAndSample(browser, "restaurants", wide);
                browser.script("document.getElementById('mapping').scrollIntoView()");
                assertThat(browser.all("select[data-column]")).hasSize(11).allSatisfy(s -> assertThat(s.isDisplayed()).isTrue());
                browser.select("select[data-column='Restaurant ID']", "external_id");
                assertThat(browser.cutOff("main select, main button, main input", "#sample-preview")).isEmpty();
                assertThat(browser.horizontalOverflow()).as("the page scrolls sideways: %s", browser.widerThanWindow()).isZero();
                browser.screenshot("17b-390-mapping");
                browser.assertAccessible("new import: mapping at 390 px");
            } finally {
                Files.deleteIfExists(wide);
            }
        }
        assertThat(Set.of(Browser.SCREENSHOTS.toFile().list())).contains("15-phone-records.png");
    }

    /**
     * On a phone: the mapping comes first, each column saying how its field was found, above five compact rows of
     * the file that scroll sideways; every select fits the window. The mapping an import starts with is proposed,
     * as remembered, when a file with the same header comes next.
     */
    private static void mappingFirstAndRememberedOnAPhone(Browser browser) throws IOException {
        String header = "Title,Kategorie,brnad,Notes " + Long.toString(System.nanoTime(), 36);
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (int i = 1; i <= 7; i++) {
            csv.append("Extraordinarily long product title number ").append(i)
                    .append(",Grains,Tilda,a remark that would wrap\n");
        }
        Path file = Files.createTempFile("phone-products", ".csv");
        Files.writeString(file, csv);
        try {
            browser.go(stack.apiUrl() + "/#/imports/new");
            uploadAndSample(browser, "products", file);
            assertThat(browser.top("#mapping")).isLessThan(browser.top("#sample-preview"));
            assertThat(browser.attribute("li[data-column='Title'] .badge", "data-matched-by")).isEqualTo("alias");
            assertThat(browser.attribute("li[data-column='brnad'] .badge", "data-matched-by")).isEqualTo("similar");
            assertThat(browser.text("li[data-column='brnad'] .sample-values")).startsWith("e.g.").contains("Tilda");
            assertThat(browser.all("#sample-preview tbody tr")).hasSize(5);
            assertThat(browser.script("return getComputedStyle(document.querySelector('#sample-preview td')).whiteSpace"))
                    .isEqualTo("nowrap");
            assertThat(browser.outsideTheWindow("#mapping select")).isEmpty();
            assertThat(browser.outsideTheWindow(".saved-mappings select, .saved-mappings input")).isEmpty();
            assertThat(browser.horizontalOverflow()).as("%s", browser.widerThanTheWindow()).isZero();
            assertThat(browser.unlabelledControls()).isEmpty();
            browser.screenshot("18-phone-mapping");
            // the similar guess is confirmed as it is; starting the preview confirms the mapping
            browser.click("input[name=mode][value=DRY_RUN]");
            browser.click("#start");
            jobIdFromAddress(browser);

            browser.go(stack.apiUrl() + "/#/imports/new");
            uploadAndSample(browser, "products", file);
            assertThat(browser.text("#saved-mapping-note")).startsWith("Remembered: this is the mapping last used");
            assertThat(browser.attribute("li[data-column='brnad'] .badge", "data-matched-by")).isEqualTo("remembered");
            assertThat(browser.attribute("select[data-column='brnad']", "value")).isEqualTo("brand");
            assertThat(browser.attribute("select[data-column='Kategorie']", "value")).isEqualTo("category");
            browser.screenshot("19-phone-mapping-remembered");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
