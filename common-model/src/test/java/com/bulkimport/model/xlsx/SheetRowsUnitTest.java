package com.bulkimport.model.xlsx;

import com.bulkimport.model.csv.ChunkedCsv;
import com.bulkimport.model.csv.CsvInput;
import com.bulkimport.model.csv.UnreadableFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Workbooks written here with POI, the reference implementation, read back through {@link SheetRows}: every
 * cell type as the text a CSV export holds, merged and trailing empty cells, several sheets and hidden ones.
 */
class SheetRowsUnitTest {

    @TempDir
    Path dir;

    /** A "Products" sheet whose every cell type the reader must turn into text. */
    private Path typedWorkbook() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            CreationHelper help = workbook.getCreationHelper();
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(help.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(help.createDataFormat().getFormat("dd/mm/yyyy hh:mm:ss"));
            CellStyle builtInDate = workbook.createCellStyle();
            builtInDate.setDataFormat((short) 14); // m/d/yy, referenced by id only
            CellStyle time = workbook.createCellStyle();
            time.setDataFormat(help.createDataFormat().getFormat("hh:mm"));
            CellStyle scientific = workbook.createCellStyle();
            scientific.setDataFormat(help.createDataFormat().getFormat("0.00E+00"));
            CellStyle money = workbook.createCellStyle();
            money.setDataFormat(help.createDataFormat().getFormat("#,##0.00 \"EUR\""));

            Sheet sheet = workbook.createSheet("Products");
            row(sheet, 0, "sku", "name", "price", "barcode", "launched", "updated_at", "active", "total", "label",
                    "opens");
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue("A-1");
            r.createCell(1).setCellValue("Crème brûlée, \"extra\"");
            number(r, 2, 12.5, money);
            r.createCell(3).setCellValue(4006381333931d);
            dated(r, 4, LocalDate.of(2024, 3, 31).atStartOfDay(), date);
            dated(r, 5, LocalDateTime.of(2024, 3, 31, 14, 5, 9), dateTime);
            r.createCell(6).setCellValue(true);
            r.createCell(7).setCellFormula("C2*2");
            r.createCell(8).setCellFormula("A2&\"-x\"");
            dated(r, 9, LocalDateTime.of(1899, 12, 31, 8, 30), time);

            r = sheet.createRow(2);
            r.createCell(0).setCellValue(17); // a number where text is expected: its digits
            r.createCell(1).setCellValue(0.1 + 0.2); // the double 0.30000000000000004, shown as 0.3 by Excel
            r.createCell(2).setCellValue(-3);
            r.createCell(3).setCellValue(1234567890123456789d); // 19 digits: Excel kept 15
            dated(r, 4, LocalDate.of(1900, 2, 28).atStartOfDay(), builtInDate);
            r.createCell(6).setCellValue(false);
            r.createCell(7).setCellFormula("1/0");
            r.createCell(8).setCellFormula("B3>0");

            r = sheet.createRow(3);
            r.createCell(0).setCellValue("B-2");
            number(r, 3, 4006381333931d, scientific); // shown as 4.01E+12: what the user saw, as in a CSV
            r.createCell(4).setCellValue("");  // an empty string cell, then blanks with a style: trailing, dropped
            r.createCell(5).setCellStyle(money);
            r.createCell(12).setCellStyle(money);
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            return write(workbook, "typed.xlsx");
        }
    }

    @Test
    void everyCellTypeReadsAsTheTextACsvExportHolds() throws IOException {
        try (SheetRows rows = SheetRows.open(typedWorkbook(), false, null, 1 << 20)) {
            assertThat(rows.fileFormat()).isEqualTo("xlsx");
            assertThat(rows.sheet()).isEqualTo("Products");
            assertThat(rows.header()).containsExactly("sku", "name", "price", "barcode", "launched", "updated_at",
                    "active", "total", "label", "opens");
            List<CsvInput.Row> all = all(rows);
            assertThat(all).extracting(CsvInput.Row::number).containsExactly(1L, 2L, 3L);
            assertThat(all).extracting(CsvInput.Row::line).as("Excel's row numbers").containsExactly(2L, 3L, 4L);
            assertThat(all.get(0).fields()).containsExactly("A-1", "Crème brûlée, \"extra\"", "12.5", "4006381333931",
                    "2024-03-31", "2024-03-31T14:05:09", "true", "25", "A-1-x", "08:30:00");
            assertThat(all.get(1).fields()).containsExactly("17", "0.3", "-3", "1.23456789012346E+18", "1900-02-28",
                    "", "false", "#DIV/0!", "true");
            assertThat(all.get(2).fields()).as("trailing empty cells dropped").containsExactly("B-2", "", "", "4.006381333931E+12");
        }
    }

    @Test
    void mergedCellsKeepTheirValueInTheFirstCellAndEmptyRowsAreSkipped() throws IOException {
        Path file;
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Merged");
            row(sheet, 1, "sku", "name", "category"); // row 1 of Excel is empty: the header is on row 2
            row(sheet, 2, "A", "Long name over two columns", "");
            sheet.addMergedRegion(new CellRangeAddress(2, 2, 1, 2));
            row(sheet, 3, "B", "Name", "Shared");
            row(sheet, 4, "C", "Other", "");
            sheet.addMergedRegion(new CellRangeAddress(3, 4, 2, 2)); // C3 merged down over C4
            sheet.createRow(5); // an empty row, skipped as an empty line is in a CSV
            row(sheet, 7, "D", "Last", "x");
            file = write(workbook, "merged.xlsx");
        }
        try (SheetRows rows = SheetRows.open(file, false, null, 1 << 20)) {
            assertThat(rows.header()).containsExactly("sku", "name", "category");
            List<CsvInput.Row> all = all(rows);
            assertThat(all).extracting(CsvInput.Row::fields).containsExactly(
                    List.of("A", "Long name over two columns"), List.of("B", "Name", "Shared"), List.of("C", "Other"),
                    List.of("D", "Last", "x"));
            assertThat(all).extracting(CsvInput.Row::line).containsExactly(3L, 4L, 5L, 8L);
        }
    }

    private Path threeSheets() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet hidden = workbook.createSheet("Lookup");
            row(hidden, 0, "code");
            row(hidden, 1, "x");
            workbook.setSheetVisibility(0, SheetVisibility.HIDDEN);
            Sheet first = workbook.createSheet("Restaurants");
            row(first, 0, "external_id", "name");
            for (int i = 1; i <= 5; i++) {
                row(first, i, "r" + i, "Restaurant " + i);
            }
            Sheet second = workbook.createSheet("Dishes 2024");
            row(second, 0, "restaurant_external_id", "name");
            row(second, 1, "r1", "Soup");
            row(second, 2, "r1", "Bread");
            Sheet veryHidden = workbook.createSheet("Macros");
            workbook.setSheetVisibility(3, SheetVisibility.VERY_HIDDEN);
            return write(workbook, "sheets.xlsx");
        }
    }

    @Test
    void theFirstVisibleSheetUnlessTheOptionNamesOneHiddenOnesIncluded() throws IOException {
        Path file = threeSheets();
        try (SheetRows rows = SheetRows.open(file, false, null, 1 << 20)) {
            assertThat(rows.sheet()).isEqualTo("Restaurants");
            assertThat(all(rows)).hasSize(5);
        }
        try (SheetRows rows = SheetRows.open(file, false, "dishes 2024", 1 << 20)) {
            assertThat(rows.sheet()).as("any case").isEqualTo("Dishes 2024");
            assertThat(all(rows)).extracting(CsvInput.Row::fields)
                    .containsExactly(List.of("r1", "Soup"), List.of("r1", "Bread"));
        }
        try (SheetRows rows = SheetRows.open(file, false, "Lookup", 1 << 20)) {
            assertThat(all(rows)).extracting(CsvInput.Row::fields).containsExactly(List.of("x"));
        }
        try (SheetRows rows = SheetRows.open(file, false, "3", 1 << 20)) {
            assertThat(rows.sheet()).as("by position").isEqualTo("Dishes 2024");
        }
        assertThatThrownBy(() -> SheetRows.open(file, false, "Menu", 1 << 20)).isInstanceOf(UnreadableFile.class)
                .hasFieldOrPropertyWithValue("code", "SHEET_NOT_FOUND")
                .hasMessage("the workbook has no sheet 'Menu'; its sheets are: Lookup (hidden), Restaurants,"
                        + " Dishes 2024, Macros (very hidden)");
        assertThatThrownBy(() -> SheetRows.open(file, false, "Macros", 1 << 20)).isInstanceOf(UnreadableFile.class)
                .hasFieldOrPropertyWithValue("code", "EMPTY_FILE").hasMessage("the sheet 'Macros' is empty");
    }

    @Test
    void theSampleListsEverySheetWithItsRowsAndShowsTheChosenOne() throws IOException {
        XlsxSample sample = XlsxSample.read(threeSheets(), null, 3);

        assertThat(sample.sheets()).containsExactly(new SheetInfo(1, "Lookup", "hidden", 1),
                new SheetInfo(2, "Restaurants", "visible", 5), new SheetInfo(3, "Dishes 2024", "visible", 2),
                new SheetInfo(4, "Macros", "very_hidden", 0));
        assertThat(sample.sheet()).isEqualTo("Restaurants");
        assertThat(sample.sample().header()).containsExactly("external_id", "name");
        assertThat(sample.sample().records()).containsExactly(List.of("r1", "Restaurant 1"),
                List.of("r2", "Restaurant 2"), List.of("r3", "Restaurant 3"));
        assertThat(sample.sample().truncated()).isTrue();
    }

    @Test
    void chunksCheckpointAtASheetRowAndAResumeGoesOnFromTheRowAfterIt() throws IOException {
        Path file;
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Big");
            row(sheet, 0, "id", "name");
            for (int i = 1; i <= 1000; i++) {
                // every tenth sheet row left empty: row numbers and sheet rows part ways
                if (i % 10 != 0) {
                    row(sheet, i, Integer.toString(i), "name " + i);
                }
            }
            file = write(workbook, "big.xlsx");
        }
        List<CsvInput.Row> straight;
        try (SheetRows rows = SheetRows.open(file, false, null, 1 << 20)) {
            straight = all(rows);
        }
        assertThat(straight).hasSize(900);
        ChunkedCsv.Chunk first;
        try (SheetRows rows = SheetRows.open(file, false, null, 2_000)) {
            first = rows.next();
            assertThat(first.rows().size()).isBetween(100, 300);
            assertThat(first.endOffset()).as("the last sheet row read (0-based POI row + 1)")
                    .isEqualTo(first.rows().get(first.rows().size() - 1).line());
        }
        ChunkedCsv.Checkpoint checkpoint = new ChunkedCsv.Checkpoint(first.endOffset(), first.lastRow(),
                first.endLine(), SheetRows.FORMAT, List.of("id", "name"));
        List<CsvInput.Row> resumed = new ArrayList<>(first.rows());
        try (SheetRows rows = SheetRows.resume(file, false, "Big", checkpoint, 2_000)) {
            resumed.addAll(all(rows));
        }
        assertThat(resumed).isEqualTo(straight);
    }

    @Test
    void aCorruptOrTruncatedWorkbookOrAZipOfSomethingElseIsRefusedWithItsReason() throws IOException {
        byte[] good = Files.readAllBytes(typedWorkbook());
        Path truncated = dir.resolve("truncated.xlsx");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> SheetRows.open(truncated, false, null, 1 << 20)).isInstanceOf(UnreadableFile.class)
                .hasFieldOrPropertyWithValue("code", "BAD_XLSX")
                .hasMessageStartingWith("the file is a ZIP archive but not a readable Excel workbook (.xlsx):");

        Path zip = dir.resolve("other.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("data.csv"));
            out.write("a,b\n1,2\n".getBytes());
        }
        assertThat(FileKind.of(Files.readAllBytes(zip), 8)).isEqualTo(FileKind.ZIP);
        assertThatThrownBy(() -> SheetRows.open(zip, false, null, 1 << 20)).isInstanceOf(UnreadableFile.class)
                .hasFieldOrPropertyWithValue("code", "BAD_XLSX");
    }

    @Test
    void aPasswordProtectedWorkbookIsToldApartFromAnXls() throws Exception {
        Path plain = typedWorkbook();
        org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem();
        org.apache.poi.poifs.crypt.EncryptionInfo info = new org.apache.poi.poifs.crypt.EncryptionInfo(
                org.apache.poi.poifs.crypt.EncryptionMode.agile);
        org.apache.poi.poifs.crypt.Encryptor encryptor = info.getEncryptor();
        encryptor.confirmPassword("secret");
        try (OutputStream out = encryptor.getDataStream(fs)) {
            Files.copy(plain, out);
        }
        Path encrypted = dir.resolve("encrypted.xlsx");
        try (OutputStream out = Files.newOutputStream(encrypted)) {
            fs.writeFilesystem(out);
        }
        fs.close();
        byte[] bytes = Files.readAllBytes(encrypted);
        assertThat(FileKind.of(bytes, bytes.length)).isEqualTo(FileKind.OLE2);
        assertThat(Ole2Refusal.of(Files.newInputStream(encrypted)))
                .hasFieldOrPropertyWithValue("code", "WORKBOOK_ENCRYPTED")
                .hasMessageContaining("protected with a password");

        Path xls = dir.resolve("old.xls");
        try (org.apache.poi.hssf.usermodel.HSSFWorkbook old = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
             OutputStream out = Files.newOutputStream(xls)) {
            old.createSheet("A").createRow(0).createCell(0).setCellValue("x");
            old.write(out);
        }
        bytes = Files.readAllBytes(xls);
        assertThat(FileKind.of(bytes, bytes.length)).isEqualTo(FileKind.OLE2);
        assertThat(Ole2Refusal.of(Files.newInputStream(xls))).hasFieldOrPropertyWithValue("code", "XLS_NOT_SUPPORTED");
    }

    private static List<CsvInput.Row> all(SheetRows rows) {
        List<CsvInput.Row> all = new ArrayList<>();
        for (ChunkedCsv.Chunk chunk = rows.next(); chunk != null; chunk = rows.next()) {
            all.addAll(chunk.rows());
        }
        return all;
    }

    private static void row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    private static void number(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static void dated(Row row, int column, LocalDateTime value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private Path write(XSSFWorkbook workbook, String name) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
        return file;
    }
}
