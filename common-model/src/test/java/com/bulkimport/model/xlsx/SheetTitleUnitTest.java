package com.bulkimport.model.xlsx;

import com.bulkimport.model.csv.ChunkedCsv;
import com.bulkimport.model.csv.CsvInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A report's sheet: a title (a row or a few with one filled cell) above the table, whose header is found below it. */
class SheetTitleUnitTest {

    @TempDir
    Path dir;

    @Test
    void aTitleAboveTheTableIsSkippedAndTheHeaderFoundBelowIt() throws IOException {
        // row 1: the title in A1; row 2 empty; row 3 the header; rows 4 and 5 the records
        Path file = PackageFiles.workbook(dir.resolve("report.xlsx"), "",
                row(1, "A", "ACME product list") + row(3, "A", "sku", "name", "price")
                        + row(4, "A", "A-1", "Tea", "2.5") + row(5, "A", "B-2", "Coffee", "4"));
        try (SheetRows rows = SheetRows.open(file, false, null, 1 << 20)) {
            assertThat(rows.header()).containsExactly("sku", "name", "price");
            assertThat(rows.headerWarnings()).containsExactly(
                    "row 1 holds a title above the header (row 3), not columns: skipped (\"ACME product list\")");
            List<CsvInput.Row> all = readAll(rows);
            assertThat(all).extracting(CsvInput.Row::line).containsExactly(4L, 5L);
            assertThat(all).extracting(CsvInput.Row::number).containsExactly(1L, 2L);
            assertThat(all.get(0).fields()).containsExactly("A-1", "Tea", "2.5");
        }
    }

    /** A second title line centred across a merged range: its text stands in the range's first cell, C2. */
    @Test
    void aTitleOfTwoRowsIsSkippedWhateverColumnItStandsIn() throws IOException {
        Path file = PackageFiles.workbook(dir.resolve("report.xlsx"), "",
                row(1, "A", "ACME Corp") + row(2, "C", "Products, March 2024") + row(4, "A", "sku", "name")
                        + row(5, "A", "A-1", "Tea"));
        try (SheetRows rows = SheetRows.open(file, false, null, 1 << 20)) {
            assertThat(rows.header()).containsExactly("sku", "name");
            assertThat(rows.headerWarnings()).containsExactly(
                    "rows 1–2 hold a title above the header (row 4), not columns: skipped (\"ACME Corp\")");
            assertThat(readAll(rows)).extracting(CsvInput.Row::line).containsExactly(5L);
        }
    }

    @Test
    void aTableOfOneColumnKeepsItsFirstRowAsTheHeaderAndEveryRowAfterIt() throws IOException {
        Path file = PackageFiles.workbook(dir.resolve("skus.xlsx"), "",
                row(1, "A", "sku") + row(2, "A", "A-1") + row(3, "A", "B-2") + row(4, "A", "C-3")
                        + row(5, "A", "D-4") + row(6, "A", "E-5"));
        try (SheetRows rows = SheetRows.open(file, false, null, 1 << 20)) {
            assertThat(rows.header()).containsExactly("sku");
            assertThat(rows.headerWarnings()).isEmpty();
            List<CsvInput.Row> all = readAll(rows);
            assertThat(all).extracting(CsvInput.Row::line).containsExactly(2L, 3L, 4L, 5L, 6L);
            assertThat(all).extracting(r -> r.fields().get(0)).containsExactly("A-1", "B-2", "C-3", "D-4", "E-5");
        }
    }

    /** More one-cell rows than a title takes: a table of one column with a wider row further down, read as it is. */
    @Test
    void moreOneCellRowsThanATitleTakesAreTheTable() throws IOException {
        Path file = PackageFiles.workbook(dir.resolve("skus.xlsx"), "",
                row(1, "A", "sku") + row(2, "A", "A-1") + row(3, "A", "B-2") + row(4, "A", "C-3")
                        + row(5, "A", "D-4", "note"));
        try (SheetRows rows = SheetRows.open(file, false, null, 1 << 20)) {
            assertThat(rows.header()).containsExactly("sku");
            assertThat(rows.headerWarnings()).isEmpty();
            assertThat(readAll(rows)).extracting(CsvInput.Row::line).containsExactly(2L, 3L, 4L, 5L);
        }
    }

    @Test
    void aReadResumedPastATitleGoesOnFromItsCheckpoint() throws IOException {
        StringBuilder sheet = new StringBuilder(row(1, "B", "Inventory") + row(3, "A", "sku", "quantity"));
        for (int r = 4; r < 504; r++) {
            sheet.append(row(r, "A", "S-" + r, Integer.toString(r)));
        }
        Path file = PackageFiles.workbook(dir.resolve("inventory.xlsx"), "", sheet.toString());
        List<CsvInput.Row> straight;
        ChunkedCsv.Chunk first;
        try (SheetRows rows = SheetRows.open(file, false, null, 1_000)) {
            first = rows.next();
            straight = new ArrayList<>(first.rows());
            straight.addAll(readAll(rows));
        }
        assertThat(straight).hasSize(500);
        assertThat(first.rows().get(0).line()).isEqualTo(4L);
        ChunkedCsv.Checkpoint checkpoint = new ChunkedCsv.Checkpoint(first.endOffset(), first.lastRow(),
                first.endLine(), SheetRows.FORMAT, List.of("sku", "quantity"));
        List<CsvInput.Row> resumed = new ArrayList<>(first.rows());
        try (SheetRows rows = SheetRows.resume(file, false, "Sheet1", checkpoint, 1_000)) {
            resumed.addAll(readAll(rows));
        }
        assertThat(resumed).isEqualTo(straight);
    }

    @Test
    void theSampleWarnsOfTheTitleAndCountsTheRecordsBelowTheHeader() throws IOException {
        Path file = PackageFiles.workbook(dir.resolve("report.xlsx"), "<si><t>ACME product list</t></si>",
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>" + row(2, "A", "sku", "name")
                        + row(3, "A", "A-1", "Tea") + row(4, "A", "B-2", "Coffee"));
        XlsxSample sample = XlsxSample.read(file, null, 20);
        assertThat(sample.sheets()).extracting(SheetInfo::rows).containsExactly(2L);
        assertThat(sample.sample().header()).containsExactly("sku", "name");
        assertThat(sample.sample().headerWarnings()).containsExactly(
                "row 1 holds a title above the header (row 2), not columns: skipped (\"ACME product list\")");
        assertThat(sample.sample().records()).containsExactly(List.of("A-1", "Tea"), List.of("B-2", "Coffee"));
    }

    private static List<CsvInput.Row> readAll(SheetRows rows) {
        List<CsvInput.Row> all = new ArrayList<>();
        for (ChunkedCsv.Chunk chunk = rows.next(); chunk != null; chunk = rows.next()) {
            all.addAll(chunk.rows());
        }
        return all;
    }

    /** A sheet row of inline strings from column {@code column} on. */
    private static String row(int number, String column, String... cells) {
        StringBuilder row = new StringBuilder("<row r=\"" + number + "\">");
        char col = column.charAt(0);
        for (String cell : cells) {
            row.append("<c r=\"").append(col++).append(number).append("\" t=\"inlineStr\"><is><t>").append(cell)
                    .append("</t></is></c>");
        }
        return row.append("</row>").toString();
    }
}
