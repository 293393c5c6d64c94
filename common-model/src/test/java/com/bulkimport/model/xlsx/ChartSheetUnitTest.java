package com.bulkimport.model.xlsx;

import com.bulkimport.model.csv.UnreadableFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A report's workbook whose first tab is a chart on a sheet of its own (a chart sheet: no cells, no rows). With no
 * sheet named, the import reads the first visible sheet that holds a table; the chart sheet was taken and the job
 * failed as EMPTY_FILE.
 */
class ChartSheetUnitTest {

    private static final String MAIN = PackageFiles.TRANSITIONAL_MAIN;
    private static final String RELS = PackageFiles.TRANSITIONAL_RELS;

    @TempDir
    Path dir;

    @Test
    void withNoSheetNamedTheFirstSheetWithATableIsReadNotAChartSheet() throws IOException {
        Path file = chartFirst(dir.resolve("report.xlsx"));
        try (SheetRows rows = SheetRows.open(file, false, null, 1 << 20)) {
            assertThat(rows.sheet()).isEqualTo("Data");
            assertThat(rows.header()).containsExactly("sku", "name");
            assertThat(rows.nextFields()).containsExactly("A-1", "Tea");
            assertThat(rows.nextFields()).isNull();
        }
        XlsxSample sample = XlsxSample.read(file, null, 20);
        assertThat(sample.sheet()).isEqualTo("Data");
        assertThat(sample.sheets()).extracting(SheetInfo::name, SheetInfo::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Sales chart", 0L),
                        org.assertj.core.groups.Tuple.tuple("Data", 1L));
    }

    @Test
    void aChartSheetNamedOnPurposeIsReadAndFoundEmpty() throws IOException {
        Path file = chartFirst(dir.resolve("report.xlsx"));
        assertThatThrownBy(() -> SheetRows.open(file, false, "Sales chart", 1 << 20))
                .isInstanceOfSatisfying(UnreadableFile.class, e -> assertThat(e.code()).isEqualTo("EMPTY_FILE"));
    }

    private static Path chartFirst(Path file) throws IOException {
        String type = "application/vnd.openxmlformats-officedocument.";
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns="
                + "\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"" + type + "spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/chartsheets/sheet1.xml\" ContentType=\"" + type
                + "spreadsheetml.chartsheet+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"" + type + "spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"" + type + "spreadsheetml.styles+xml\"/></Types>");
        parts.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns="
                + "\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
                + RELS + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        parts.put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns="
                + "\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + RELS + "/chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"" + RELS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"" + RELS + "/styles\" Target=\"styles.xml\"/></Relationships>");
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN
                + "\" xmlns:r=\"" + RELS + "\"><sheets><sheet name=\"Sales chart\" sheetId=\"2\" r:id=\"rId1\"/>"
                + "<sheet name=\"Data\" sheetId=\"1\" r:id=\"rId2\"/></sheets></workbook>");
        parts.put("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" + MAIN + "\">"
                + "<cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>");
        parts.put("xl/chartsheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><chartsheet xmlns=\"" + MAIN
                + "\" xmlns:r=\"" + RELS + "\"><sheetPr/><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>"
                + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
                + "</chartsheet>");
        parts.put("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN
                + "\"><sheetData><row r=\"1\">" + inline("A1", "sku") + inline("B1", "name") + "</row><row r=\"2\">"
                + inline("A2", "A-1") + inline("B2", "Tea") + "</row></sheetData></worksheet>");
        return PackageFiles.zip(file, parts);
    }

    private static String inline(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }
}
