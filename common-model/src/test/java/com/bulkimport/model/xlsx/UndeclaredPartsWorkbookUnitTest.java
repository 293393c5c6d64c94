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
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workbooks whose package is valid but leaves out what fastexcel looks for: no styles part at all (the Open XML
 * SDK's smallest spreadsheet, and the exports written after it), or styles and shared strings that the workbook's
 * relationships name but the content types do not declare. fastexcel failed each whole ("null not found"). Each
 * package is written here part by part, the way those writers lay it out.
 */
class UndeclaredPartsWorkbookUnitTest {

    private static final String MAIN = PackageFiles.TRANSITIONAL_MAIN;
    private static final String RELS = PackageFiles.TRANSITIONAL_RELS;
    private static final String PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String TYPES = "http://schemas.openxmlformats.org/package/2006/content-types";

    @TempDir
    Path dir;

    /**
     * As the Open XML SDK writes it: elements with an {@code x:} prefix, relationship ids of its own making, absolute
     * targets, text as inline strings, and no styles part, so no cell has a format: numbers stay numbers.
     */
    @Test
    void aWorkbookWithoutStylesReadsItsRowsAsWritten() throws IOException {
        Path file = withoutStyles(dir.resolve("sdk.xlsx"), 2_500);
        List<CsvInput.Row> all = readAll(file, 1 << 20);
        assertThat(all).hasSize(2_500);
        assertThat(all).extracting(CsvInput.Row::line)
                .isEqualTo(LongStream.rangeClosed(2, 2_501).boxed().toList());
        assertThat(all.get(0).fields()).containsExactly("SKU-2", "Crème brûlée 2", "45382", "4006381333931", "true");
        assertThat(all.get(2_499).fields()).containsExactly("SKU-2501", "Crème brûlée 2501", "45382", "4006381333931", "true");
        try (SheetRows rows = SheetRows.open(file, false, null, 1 << 20)) {
            assertThat(rows.header()).containsExactly("sku", "name", "launched", "barcode", "active");
        }
        assertThat(leftInDir()).as("the copy is gone, the upload kept").containsExactly("sdk.xlsx");
    }

    @Test
    void aWorkbookWithoutStylesResumesAtItsCheckpoint() throws IOException {
        Path file = withoutStyles(dir.resolve("sdk.xlsx"), 2_500);
        List<CsvInput.Row> straight = readAll(file, 20_000);
        ChunkedCsv.Chunk first;
        try (SheetRows rows = SheetRows.open(file, false, null, 20_000)) {
            first = rows.next();
        }
        assertThat(first.rows()).hasSizeBetween(1, 2_499);
        ChunkedCsv.Checkpoint checkpoint = new ChunkedCsv.Checkpoint(first.endOffset(), first.lastRow(),
                first.endLine(), SheetRows.FORMAT, List.of("sku"));
        List<CsvInput.Row> resumed = new ArrayList<>(first.rows());
        try (SheetRows rows = SheetRows.resume(file, false, "Sheet1", checkpoint, 20_000)) {
            for (ChunkedCsv.Chunk chunk = rows.next(); chunk != null; chunk = rows.next()) {
                resumed.addAll(chunk.rows());
            }
        }
        assertThat(resumed).isEqualTo(straight);
    }

    @Test
    void theSampleOfAWorkbookWithoutStylesListsItsSheetAndSize() throws IOException {
        Path file = withoutStyles(dir.resolve("sdk.xlsx"), 30);
        XlsxSample sample = XlsxSample.read(file, null, 5);
        assertThat(sample.sheets()).extracting(SheetInfo::name, SheetInfo::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Sheet1", 30L));
        assertThat(sample.sample().records()).hasSize(5);
        assertThat(sample.sample().records().get(0)).containsExactly("SKU-2", "Crème brûlée 2", "45382",
                "4006381333931", "true");
    }

    /**
     * Styles and shared strings named by the workbook's relationships (a relative target with {@code ..} in it), but
     * declared by the content types only through their extension's default: the dates keep their formats.
     */
    @Test
    void stylesAndSharedStringsTheContentTypesLeaveUndeclaredAreFoundByTheRelationships() throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", contentTypes(""));
        parts.put("_rels/.rels", rels("<Relationship Id=\"rId1\" Type=\"" + RELS + "/officeDocument\""
                + " Target=\"xl/workbook.xml\"/>"));
        parts.put("xl/_rels/workbook.xml.rels", rels("<Relationship Id=\"rId1\" Type=\"" + RELS + "/worksheet\""
                + " Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" + RELS + "/styles\""
                + " Target=\"worksheets/../styles.xml\"/><Relationship Id=\"rId3\" Type=\"" + RELS + "/sharedStrings\""
                + " Target=\"sharedStrings.xml\"/>"));
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN
                + "\" xmlns:r=\"" + RELS + "\"><sheets><sheet name=\"Products\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                + "</workbook>");
        parts.put("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" + MAIN + "\">"
                + "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs>"
                + "</styleSheet>");
        parts.put("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + MAIN + "\">"
                + "<si><t>sku</t></si><si><t>launched</t></si><si><t>A-1</t></si></sst>");
        parts.put("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN
                + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" s=\"1\"><v>45382</v></c></row>"
                + "</sheetData></worksheet>");
        Path file = zip(dir.resolve("undeclared.xlsx"), parts);
        try (SheetRows rows = SheetRows.open(file, false, null, 1 << 20)) {
            assertThat(rows.header()).containsExactly("sku", "launched");
            assertThat(rows.nextFields()).containsExactly("A-1", "2024-03-31");
            assertThat(rows.nextFields()).isNull();
        }
        assertThat(leftInDir()).containsExactly("undeclared.xlsx");
    }

    @Test
    void aRelationshipsTargetResolvesAgainstItsSourcesFolder() {
        assertThat(PackageParts.resolve("xl/", "styles.xml")).isEqualTo("xl/styles.xml");
        assertThat(PackageParts.resolve("xl/", "/xl/styles.xml")).isEqualTo("xl/styles.xml");
        assertThat(PackageParts.resolve("xl/", "worksheets/../styles.xml")).isEqualTo("xl/styles.xml");
        assertThat(PackageParts.resolve("xl/", "../customXml/item1.xml")).isEqualTo("customXml/item1.xml");
        assertThat(PackageParts.resolve("", "./xl/workbook.xml")).isEqualTo("xl/workbook.xml");
        assertThat(PackageParts.relsOf("xl/workbook.xml")).isEqualTo("xl/_rels/workbook.xml.rels");
    }

    private List<String> leftInDir() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static List<CsvInput.Row> readAll(Path file, int chunkChars) throws IOException {
        List<CsvInput.Row> all = new ArrayList<>();
        try (SheetRows rows = SheetRows.open(file, false, null, chunkChars)) {
            for (ChunkedCsv.Chunk chunk = rows.next(); chunk != null; chunk = rows.next()) {
                all.addAll(chunk.rows());
            }
        }
        return all;
    }

    /** A header and {@code rows} rows, each with a date serial and a barcode as plain numbers and a boolean. */
    private static Path withoutStyles(Path file, int rows) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", contentTypes("<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType="
                + "\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        parts.put("_rels/.rels", rels("<Relationship Type=\"" + RELS + "/officeDocument\" Target=\"/xl/workbook.xml\""
                + " Id=\"R7f2c1d0e9a8b4c3d\"/>"));
        parts.put("xl/_rels/workbook.xml.rels", rels("<Relationship Type=\"" + RELS + "/worksheet\""
                + " Target=\"/xl/worksheets/sheet1.xml\" Id=\"R3a9e5b7c1d2f4e6a\"/>"));
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?><x:workbook xmlns:r=\"" + RELS
                + "\" xmlns:x=\"" + MAIN + "\"><x:sheets><x:sheet name=\"Sheet1\" sheetId=\"1\""
                + " r:id=\"R3a9e5b7c1d2f4e6a\"/></x:sheets></x:workbook>");
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><x:worksheet xmlns:x=\""
                + MAIN + "\"><x:sheetData><x:row>" + inline("sku") + inline("name") + inline("launched")
                + inline("barcode") + inline("active") + "</x:row>");
        for (int r = 2; r <= rows + 1; r++) {
            sheet.append("<x:row>").append(inline("SKU-" + r)).append(inline("Crème brûlée " + r))
                    .append("<x:c><x:v>45382</x:v></x:c><x:c t=\"n\"><x:v>4006381333931</x:v></x:c>")
                    .append("<x:c t=\"b\"><x:v>1</x:v></x:c></x:row>");
        }
        parts.put("xl/worksheets/sheet1.xml", sheet.append("</x:sheetData></x:worksheet>").toString());
        return zip(file, parts);
    }

    private static String inline(String text) {
        return "<x:c t=\"inlineStr\"><x:is><x:t>" + text + "</x:t></x:is></x:c>";
    }

    private static String rels(String relationships) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Relationships xmlns=\"" + PACKAGE_RELS + "\">"
                + relationships + "</Relationships>";
    }

    private static Path zip(Path file, Map<String, String> parts) throws IOException {
        return PackageFiles.zip(file, parts);
    }

    /** The content types with the defaults every package has, and {@code overrides}. */
    private static String contentTypes(String overrides) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"" + TYPES + "\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
                + ".spreadsheetml.sheet.main+xml\"/>" + overrides + "</Types>";
    }
}
