package com.bulkimport.model.xlsx;

import com.bulkimport.model.csv.ChunkedCsv;
import com.bulkimport.model.csv.CsvInput;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sheet of a million rows is read in a JVM whose whole heap is 64 MB: a reader that held the sheet (its
 * text alone is over 100 MB as Java strings) would die of OutOfMemoryError; a 4 MB chunk of short cells takes
 * about 25 MB as strings, rows and lists. The workbook is written here with POI's streaming
 * writer; the child JVM reads it as the worker does (SheetRows, 4 MB chunks) and prints what it counted.
 */
class SheetRowsMemoryUnitTest {

    private static final int ROWS = 1_000_000;
    private static final String HEAP = "-Xmx64m";

    @TempDir
    Path dir;

    @Test
    void aMillionRowSheetIsReadWithin64MbOfHeap() throws Exception {
        Path file = dir.resolve("million.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            workbook.setCompressTempFiles(true);
            Sheet sheet = workbook.createSheet("Products");
            Row header = sheet.createRow(0);
            String[] names = {"sku", "name", "barcode", "price", "in_stock"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            for (int n = 1; n <= ROWS; n++) {
                Row row = sheet.createRow(n);
                row.createCell(0).setCellValue("SKU-" + n);
                row.createCell(1).setCellValue("Product number " + n + " with a name of some length");
                row.createCell(2).setCellValue(4_000_000_000_000d + n);
                row.createCell(3).setCellValue(n % 1000 / 100.0);
                row.createCell(4).setCellValue(n % 2 == 0);
            }
            workbook.write(out);
            workbook.dispose();
        }

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Count.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output;
        try (var in = child.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        long barcodes = 0;
        for (long n = 1; n <= ROWS; n++) {
            barcodes += (4_000_000_000_000L + n) % 1_000_003;
        }
        // rows, the last row's number and line, a checksum of the barcodes' exact digits, the trues
        assertThat(output).endsWith(ROWS + " " + ROWS + " " + (ROWS + 1) + " " + barcodes + " " + ROWS / 2);
    }

    /** The child JVM: reads the sheet as the worker does and prints what it found. */
    public static final class Count {
        public static void main(String[] args) throws IOException {
            long rows = 0;
            long barcodes = 0;
            long trues = 0;
            CsvInput.Row last = null;
            try (SheetRows sheet = SheetRows.open(Path.of(args[0]), false, null, ChunkedCsv.CHUNK_BYTES)) {
                for (ChunkedCsv.Chunk chunk = sheet.next(); chunk != null; chunk = sheet.next()) {
                    for (CsvInput.Row row : chunk.rows()) {
                        List<String> fields = row.fields();
                        rows++;
                        barcodes += Long.parseLong(fields.get(2)) % 1_000_003;
                        trues += "true".equals(fields.get(4)) ? 1 : 0;
                        last = row;
                    }
                }
            }
            System.out.println(rows + " " + last.number() + " " + last.line() + " " + barcodes + " " + trues);
        }
    }
}
