package com.bulkimport.cli;

import com.bulkimport.local.embedded.testkit.Datasets;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI without a running stack: {@code sample} (offline by design) and the exit codes of its refusals. */
class BulkImportCliUnitTest {

    private static final String UNREACHABLE = "http://127.0.0.1:1";

    @TempDir
    Path dir;

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.isNull() ? null : node.asString()));
        return values;
    }

    /** zomato.csv as a CSV library reads it by itself (not valid UTF-8, so ISO-8859-1): header + 20 records. */
    private static List<List<String>> zomatoHead() throws IOException {
        String text = Files.readString(Datasets.file("restaurants/zomato.csv"), StandardCharsets.ISO_8859_1);
        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(text)) {
            for (CsvRecord record : reader) {
                records.add(record.getFields());
                if (records.size() == 21) {
                    break;
                }
            }
        }
        return records;
    }

    @Test
    void sampleJsonShowsZomatoAsTheImporterWillReadIt() throws IOException {
        BulkImportCliDriver.Result result = BulkImportCliDriver.run("sample",
                Datasets.file("restaurants/zomato.csv").toString(), "--json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode sample = result.json();
        assertThat(sample.path("encoding").asString()).isEqualTo("ISO-8859-1");
        assertThat(sample.path("delimiter").asString()).isEqualTo(",");
        assertThat(sample.path("line_ending").asString()).isEqualTo("LF");
        List<List<String>> head = zomatoHead();
        assertThat(strings(sample.path("header"))).isEqualTo(head.get(0)).hasSize(21)
                .startsWith("Restaurant ID", "Restaurant Name", "Country Code");
        List<List<String>> records = new ArrayList<>();
        sample.path("records").forEach(record -> records.add(strings(record)));
        assertThat(records).isEqualTo(head.subList(1, 21));
        assertThat(records.get(0)).startsWith("6317637", "Le Petit Souffle", "162", "Makati City",
                "Third Floor, Century City Mall, Kalayaan Avenue, Poblacion, Makati City");
        assertThat(sample.path("kind").asString()).isEqualTo("restaurants");
        Map<String, String> mapping = new LinkedHashMap<>();
        sample.path("suggested_mapping").properties()
                .forEach(e -> mapping.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
        Map<String, String> expected = new LinkedHashMap<>();
        String[][] pairs = {{"Restaurant ID", "external_id"}, {"Restaurant Name", "name"},
                {"Country Code", "country_code"}, {"City", "city"}, {"Address", "address"}, {"Locality", "locality"},
                {"Locality Verbose", null}, {"Longitude", "longitude"}, {"Latitude", "latitude"},
                {"Cuisines", "cuisines"}, {"Average Cost for two", "average_cost_for_two"}, {"Currency", "currency"},
                {"Has Table booking", "has_table_booking"}, {"Has Online delivery", "has_online_delivery"},
                {"Is delivering now", null}, {"Switch to order menu", null}, {"Price range", "price_range"},
                {"Aggregate rating", "rating"}, {"Rating color", null}, {"Rating text", null}, {"Votes", "votes"}};
        for (String[] pair : pairs) {
            expected.put(pair[0], pair[1]);
        }
        assertThat(mapping).containsExactlyEntriesOf(expected);
        assertThat(sample.path("missing_required")).isEmpty();
    }

    @Test
    void sampleTakesTheEncodingAndDelimiterItIsGiven() throws IOException {
        // 0xA4 is '€' in ISO-8859-15 and '¤' in windows-1252, which detection falls back to
        Path file = dir.resolve("prices.csv");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ';', 'p', '\n', 'T', 'e', 'a', ';', '3', (byte) 0xA4, '\n'});

        JsonNode detected = BulkImportCliDriver.run("sample", file.toString(), "--json").json();
        BulkImportCliDriver.Result given = BulkImportCliDriver.run("sample", file.toString(), "--encoding",
                "ISO-8859-15", "--delimiter", ",", "--json");

        assertThat(detected.path("encoding").asString()).isEqualTo("windows-1252");
        assertThat(detected.path("delimiter").asString()).isEqualTo(";");
        assertThat(strings(detected.path("records").get(0))).containsExactly("Tea", "3\u00a4");
        assertThat(given.exitCode()).isZero();
        assertThat(given.json().path("encoding").asString()).isEqualTo("ISO-8859-15");
        assertThat(strings(given.json().path("header"))).containsExactly("name;p");
        assertThat(strings(given.json().path("records").get(0))).containsExactly("Tea;3\u20ac");
    }

    @Test
    void sampleReadsAWorkbookByItsContentListsItsSheetsAndTakesTheSheetItIsGiven() throws IOException {
        Path file = dir.resolve("book.csv"); // named .csv, but a workbook: the content decides
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             java.io.OutputStream out = Files.newOutputStream(file)) {
            org.apache.poi.ss.usermodel.Sheet notes = workbook.createSheet("Notes");
            notes.createRow(0).createCell(0).setCellValue("read me");
            org.apache.poi.ss.usermodel.Sheet customers = workbook.createSheet("Customers");
            customers.createRow(0).createCell(0).setCellValue("customer_ref");
            customers.getRow(0).createCell(1).setCellValue("name");
            customers.createRow(1).createCell(0).setCellValue(17850);
            customers.getRow(1).createCell(1).setCellValue("Ann");
            workbook.setSheetHidden(1, true);
            workbook.write(out);
        }

        JsonNode first = BulkImportCliDriver.run("sample", file.toString(), "--json").json();
        JsonNode chosen = BulkImportCliDriver.run("sample", file.toString(), "--sheet", "customers", "--json").json();

        assertThat(first.path("file_format").asString()).isEqualTo("xlsx");
        assertThat(first.path("sheet").asString()).isEqualTo("Notes");
        assertThat(first.path("sheets").toString()).isEqualTo("[{\"position\":1,\"name\":\"Notes\",\"visibility\":"
                + "\"visible\",\"rows\":0},{\"position\":2,\"name\":\"Customers\",\"visibility\":\"hidden\",\"rows\":1}]");
        assertThat(chosen.path("kind").asString()).isEqualTo("customers");
        assertThat(strings(chosen.path("header"))).containsExactly("customer_ref", "name");
        assertThat(strings(chosen.path("records").get(0))).containsExactly("17850", "Ann");
    }

    @Test
    void anUnreadableFileExits1AndAMissingOneIsAUsageError() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.csv"));

        BulkImportCliDriver.Result unreadable = BulkImportCliDriver.run("sample", empty.toString());
        BulkImportCliDriver.Result missing = BulkImportCliDriver.run("sample", dir.resolve("nope.csv").toString());

        assertThat(unreadable.exitCode()).isEqualTo(1);
        assertThat(unreadable.stderr()).isEqualTo("error: " + empty + ": the file is empty" + System.lineSeparator());
        assertThat(unreadable.stdout()).isEmpty();
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).startsWith("error: no such file: " + dir.resolve("nope.csv"))
                .contains(BulkImportCli.USAGE);
    }

    @Test
    void usageErrorsExit2WithTheUsageOnStderr() throws IOException {
        Path file = Files.writeString(dir.resolve("c.csv"), "customer_ref,name\nC1,Ann\n");
        String[][] commands = {
                {},
                {"frobnicate"},
                {"import", file.toString()},
                {"import", file.toString(), "--kind", "customers", "--batch-size", "many", "--api", UNREACHABLE},
                {"import", file.toString(), "--kind", "customers", "--colour", "red"},
                {"import", file.toString(), "--kind", "customers", "--map", "no-equals-sign"},
                {"import", dir.resolve("absent.csv").toString(), "--kind", "customers"},
                {"template"},
                {"errors", "--api"},
        };
        for (String[] command : commands) {
            BulkImportCliDriver.Result result = BulkImportCliDriver.run(command);
            assertThat(result.exitCode()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(result.stderr()).as(String.join(" ", command)).contains("usage: ./bulk-import COMMAND");
            assertThat(result.stdout()).as(String.join(" ", command)).isEmpty();
        }
        assertThat(BulkImportCliDriver.run("import", file.toString(), "--kind", "customers", "--batch-size", "many")
                .stderr()).startsWith("error: --batch-size takes a whole number, got 'many'");
        BulkImportCliDriver.Result help = BulkImportCliDriver.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).isEqualTo(BulkImportCli.USAGE);
    }

    @Test
    void theRealEntryPointWritesUtf8WhateverTheLocale() throws IOException, InterruptedException {
        Path file = dir.resolve("cafes.csv");
        Files.writeString(file, "name,city\nCafé €,Köln\n", StandardCharsets.UTF_8);
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BulkImportCli.class.getName(), "sample", file.toString(),
                "--json");
        // no locale at all, as under cron, in a bare container or over a plain ssh: Java 17 falls back to ASCII
        java.environment().keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_")
                || name.equals("JAVA_TOOL_OPTIONS") || name.equals("JDK_JAVA_OPTIONS"));
        Path stderr = dir.resolve("stderr.txt");
        java.redirectError(stderr.toFile());
        Process process = java.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).as(Files.readString(stderr)).isZero();

        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(text).contains("\"Café €\"", "\"Köln\"").doesNotContain("?");
    }

    @Test
    void anApiThatCannotBeReachedExits1() throws IOException {
        Path file = Files.writeString(dir.resolve("c.csv"), "customer_ref,name\nC1,Ann\n");

        BulkImportCliDriver.Result result = BulkImportCliDriver.run("import", file.toString(), "--kind", "customers",
                "--api", UNREACHABLE, "--token", "any");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("error: cannot reach the API at " + UNREACHABLE
                + "; is it running? (./bulk-import up)" + System.lineSeparator());
    }

    @Test
    void listenRefusesABadPortOrNoEventsBeforeAnyRequestAndExplainsItselfOnAsking() throws IOException {
        BulkImportCliDriver.Result port = BulkImportCliDriver.run("listen", "--port", "80000", "--api", UNREACHABLE);
        BulkImportCliDriver.Result events = BulkImportCliDriver.run("listen", "--events", " , ", "--api", UNREACHABLE);
        BulkImportCliDriver.Result help = BulkImportCliDriver.run("listen", "--help");
        BulkImportCliDriver.Result busy;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            busy = BulkImportCliDriver.run("listen", "--port", String.valueOf(taken.getLocalPort()), "--api",
                    UNREACHABLE, "--token", "any");
            assertThat(busy.stderr()).startsWith("error: cannot receive on 127.0.0.1:" + taken.getLocalPort() + ": ");
        }

        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.stderr()).startsWith("error: --port takes a port number (1..65535), got '80000'");
        assertThat(events.exitCode()).isEqualTo(2);
        assertThat(events.stderr()).startsWith("error: --events takes event types, PREFIX_* or *, separated by commas");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).isEqualTo(ListenCommand.HELP);
        assertThat(busy.exitCode()).isEqualTo(1);
        assertThat(BulkImportCli.USAGE).contains("listen [--events 'RESTAURANT_*,IMPORT_JOB_*'] [--json] [--port N]");
    }

    @Test
    void listenWithoutAnApiExits1AndFreesItsPort() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        BulkImportCliDriver.Result result = BulkImportCliDriver.run("listen", "--port", String.valueOf(port), "--api",
                UNREACHABLE, "--token", "any");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("error: cannot reach the API at " + UNREACHABLE
                + "; is it running? (./bulk-import up)" + System.lineSeparator());
        new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
    }

    @Test
    void aJobActionNeedsAJobIdBeforeItCallsTheApi() {
        BulkImportCliDriver.Result result = BulkImportCliDriver.run("pause", "not-a-job", "--api", UNREACHABLE);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("error: JOB_ID is a job's id (a UUID), got 'not-a-job'");
        assertThat(BulkImportCliDriver.run("resume", "--api", UNREACHABLE).exitCode()).isEqualTo(2);
        assertThat(BulkImportCliDriver.run("retry", "not-a-job", "--api", UNREACHABLE).stderr())
                .startsWith("error: JOB_ID is a job's id (a UUID), got 'not-a-job'");
    }
}
