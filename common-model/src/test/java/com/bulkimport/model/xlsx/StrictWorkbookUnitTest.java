package com.bulkimport.model.xlsx;

import com.bulkimport.model.csv.ChunkedCsv;
import com.bulkimport.model.csv.CsvInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workbook saved as Excel's "Strict Open XML Spreadsheet" (ISO/IEC 29500 Strict): the same package as an
 * ordinary .xlsx under other namespaces ({@code http://purl.oclc.org/ooxml/...}), and dates that may be written as
 * ISO 8601 text ({@code t="d"}). Written here part by part as Excel writes it, not derived from an ordinary
 * workbook, so the test does not share the reader's list of namespaces.
 */
class StrictWorkbookUnitTest {

    private static final String MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private static final String RELS = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    @TempDir
    Path dir;

    @Test
    void aStrictWorkbookReadsAsTheSameWorkbookSavedOrdinarily() throws IOException {
        Path file = strictWorkbook(dir.resolve("strict.xlsx"));
        try (SheetRows rows = SheetRows.open(file, false, null, 1 << 20)) {
            assertThat(rows.fileFormat()).isEqualTo("xlsx");
            assertThat(rows.sheet()).isEqualTo("Products");
            assertThat(rows.header()).containsExactly("sku", "name", "barcode", "price", "launched", "updated_at");
            List<CsvInput.Row> all = new ArrayList<>();
            for (ChunkedCsv.Chunk chunk = rows.next(); chunk != null; chunk = rows.next()) {
                all.addAll(chunk.rows());
            }
            assertThat(all).extracting(CsvInput.Row::line).containsExactly(2L, 3L);
            assertThat(all.get(0).fields()).containsExactly("A-1", "Crème brûlée", "4006381333931", "12.5",
                    "2024-03-31", "2024-03-31T14:05:09");
            assertThat(all.get(1).fields()).containsExactly("B-2", "Tea", "4.006381333931E+12", "0.3",
                    "1900-02-28T00:00:00", "2024-04-01T00:00:00Z");
        }
        assertThat(file).as("the upload itself is left as it was").exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no converted copy left behind")
                    .containsExactly("strict.xlsx");
        }
    }

    @Test
    void aLongStrictSheetIsRewrittenWholeAcrossItsChunks() throws IOException {
        // 6,000 rows of ISO dates, some 600 KB of sheet: the rewrite's 64 KB chunks end inside cells
        Path file = strictWorkbook(dir.resolve("long.xlsx"), longRows());
        try (SheetRows sheet = SheetRows.open(file, false, null, 1 << 20)) {
            List<CsvInput.Row> all = new ArrayList<>();
            for (ChunkedCsv.Chunk chunk = sheet.next(); chunk != null; chunk = sheet.next()) {
                all.addAll(chunk.rows());
            }
            assertThat(all).hasSize(6_002);
            for (int r = 4; r < 6_004; r++) {
                assertThat(all.get(r - 2).fields()).containsExactly("S-" + r, "", "", "",
                        "2024-01-" + String.format("%02d", r % 28 + 1) + "T00:00:00");
            }
        }
    }

    /** SheetJS ({@code cellDates}) and a few other writers put ISO 8601 date cells into ordinary workbooks too. */
    @Test
    void anOrdinaryWorkbookWithIsoDateCellsReadsThemAsTheirTextFromTheRowWhereTheyBegin() throws IOException {
        Path file = workbook(dir.resolve("iso-dates.xlsx"), PackageFiles.TRANSITIONAL_MAIN, PackageFiles.TRANSITIONAL_RELS, longRows());
        List<CsvInput.Row> straight = new ArrayList<>();
        ChunkedCsv.Chunk first;
        try (SheetRows rows = SheetRows.open(file, false, null, 2_000)) {
            first = rows.next();
            straight.addAll(first.rows());
            for (ChunkedCsv.Chunk chunk = rows.next(); chunk != null; chunk = rows.next()) {
                straight.addAll(chunk.rows());
            }
        }
        assertThat(straight).hasSize(6_002);
        assertThat(straight).extracting(CsvInput.Row::line).as("each sheet row once, in order")
                .isEqualTo(java.util.stream.LongStream.rangeClosed(2, 6_003).boxed().toList());
        assertThat(straight.get(0).fields()).containsExactly("A-1", "Crème brûlée", "4006381333931", "12.5",
                "2024-03-31", "2024-03-31T14:05:09");
        assertThat(straight.get(1).fields()).containsExactly("B-2", "Tea", "4.006381333931E+12", "0.3",
                "1900-02-28T00:00:00", "2024-04-01T00:00:00Z");
        assertThat(straight.get(6_001).fields()).containsExactly("S-6003", "", "", "", "2024-01-12T00:00:00");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("iso-dates.xlsx");
        }

        // a resume skips the refused row on its way to the checkpoint: it reads on from the copy too
        assertThat(first.rows()).hasSizeLessThan(6_000);
        ChunkedCsv.Checkpoint checkpoint = new ChunkedCsv.Checkpoint(first.endOffset(), first.lastRow(),
                first.endLine(), SheetRows.FORMAT, first.rows().isEmpty() ? List.of() : List.of("sku"));
        List<CsvInput.Row> resumed = new ArrayList<>(first.rows());
        try (SheetRows rows = SheetRows.resume(file, false, "Products", checkpoint, 2_000)) {
            for (ChunkedCsv.Chunk chunk = rows.next(); chunk != null; chunk = rows.next()) {
                resumed.addAll(chunk.rows());
            }
        }
        assertThat(resumed).isEqualTo(straight);
    }

    private static String longRows() {
        StringBuilder rows = new StringBuilder();
        for (int r = 4; r < 6_004; r++) {
            rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\" t=\"inlineStr\"><is><t>S-")
                    .append(r).append("</t></is></c><c r=\"E").append(r).append("\" t=\"d\"><v>2024-01-")
                    .append(String.format("%02d", r % 28 + 1)).append("T00:00:00</v></c></row>");
        }
        return rows.toString();
    }

    @Test
    void theSampleListsAStrictWorkbooksSheets() throws IOException {
        Path file = strictWorkbook(dir.resolve("strict.xlsx"));
        try (Workbook workbook = Workbook.open(file)) {
            assertThat(workbook.sheets()).extracting(SheetInfo::name).containsExactly("Products", "Notes");
            assertThat(workbook.sheets()).extracting(SheetInfo::visible).containsExactly(true, false);
        }
    }

    private static Path strictWorkbook(Path file) throws IOException {
        return strictWorkbook(file, "");
    }

    private static Path strictWorkbook(Path file, String moreRows) throws IOException {
        return workbook(file, MAIN, RELS, moreRows);
    }

    /** The same package under the given namespaces: Strict's, or an ordinary (Transitional) workbook's. */
    private static Path workbook(Path file, String main, String rels, String moreRows) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                <Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
                </Types>""");
        parts.put("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
                .formatted(rels));
        parts.put("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId3" Type="%1$s/styles" Target="styles.xml"/>\
                <Relationship Id="rId2" Type="%1$s/worksheet" Target="worksheets/sheet2.xml"/>\
                <Relationship Id="rId1" Type="%1$s/worksheet" Target="worksheets/sheet1.xml"/>\
                <Relationship Id="rId4" Type="%1$s/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""
                .formatted(rels));
        parts.put("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="%s" xmlns:r="%s" conformance="strict">\
                <workbookPr/><sheets><sheet name="Products" sheetId="1" r:id="rId1"/>\
                <sheet name="Notes" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>"""
                .formatted(main, rels));
        // xf 1: a date by the built-in id 14; xf 2: a date and time by a format of its own; xf 3: scientific
        parts.put("xl/styles.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="%s"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm:ss"/></numFmts>\
                <fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>\
                <cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>\
                <cellXfs count="4"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/>\
                <xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="11" xfId="0" applyNumberFormat="1"/></cellXfs>\
                </styleSheet>""".formatted(main));
        parts.put("xl/sharedStrings.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <sst xmlns="%s" count="10" uniqueCount="10"><si><t>sku</t></si><si><t>name</t></si><si><t>barcode</t></si>\
                <si><t>price</t></si><si><t>launched</t></si><si><t>updated_at</t></si><si><t>A-1</t></si>\
                <si><t>Crème brûlée</t></si><si><t>B-2</t></si><si><r><t>T</t></r><r><rPr><b/></rPr><t>ea</t></r></si></sst>"""
                .formatted(main));
        // row 2: a serial date (45382 = 2024-03-31) and a date-time; row 3: dates as ISO 8601 text (t="d"), which
        // Strict allows and which read as written, and a barcode shown in scientific notation
        parts.put("xl/worksheets/sheet1.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="%s" xmlns:r="%s"><sheetData>\
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
                <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>\
                <row r="2"><c r="A2" t="s"><v>6</v></c><c r="B2" t="s"><v>7</v></c><c r="C2"><v>4006381333931</v></c>\
                <c r="D2"><v>12.5</v></c><c r="E2" s="1"><v>45382</v></c><c r="F2" s="2"><v>45382.586909722222</v></c></row>\
                <row r="3"><c r="A3" t="s"><v>8</v></c><c r="B3" t="s"><v>9</v></c><c r="C3" s="3"><v>4006381333931</v></c>\
                <c r="D3"><v>0.30000000000000004</v></c><c r="E3" s="1" t="d"><v>1900-02-28T00:00:00</v></c>\
                <c r="F3" s="2" t="d"><v>2024-04-01T00:00:00Z</v></c></row>%s\
                </sheetData></worksheet>""".formatted(main, rels, moreRows));
        parts.put("xl/worksheets/sheet2.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="%s"><sheetData/></worksheet>""".formatted(main));
        return PackageFiles.zip(file, parts);
    }
}
