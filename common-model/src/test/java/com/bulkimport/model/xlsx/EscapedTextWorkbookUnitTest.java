package com.bulkimport.model.xlsx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Characters XML cannot hold, as Excel writes them in a workbook's strings: {@code _xHHHH_}, the UTF-16 code unit in
 * hex. A cell typed with a line break on Windows holds a carriage return, written {@code _x000D_}; an underscore that
 * would start such a run is itself written {@code _x005F_}. They read as the characters they stand for.
 */
class EscapedTextWorkbookUnitTest {

    @TempDir
    Path dir;

    @Test
    void escapedCharactersInSharedAndInlineStringsReadAsThemselves() throws IOException {
        // shared strings 0..4: the header, then a line break with its carriage return, a literal "_x000D_" as Excel
        // escapes it, a control character and a near miss (not four hex digits), left as they are
        String strings = "<si><t>sku</t></si><si><t>description</t></si>"
                + "<si><t xml:space=\"preserve\">line one_x000D_\nline two</t></si>"
                + "<si><t>code _x005F_x000D_ kept</t></si>"
                + "<si><r><t>bell_x0007_</t></r><r><t>_x00zz_ and _x12_ and _x</t></r></si>";
        String rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>A_x002D_1</t></is></c><c r=\"B2\" t=\"s\"><v>2</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>B-2</t></is></c><c r=\"B3\" t=\"s\"><v>3</v></c></row>"
                + "<row r=\"4\"><c r=\"A4\" t=\"str\"><f>\"C\"&amp;\"-3\"</f><v>C_x002D_3</v></c><c r=\"B4\" t=\"s\"><v>4</v></c></row>";
        Path file = PackageFiles.workbook(dir.resolve("escaped.xlsx"), strings, rows);
        try (SheetRows sheet = SheetRows.open(file, false, null, 1 << 20)) {
            assertThat(sheet.header()).containsExactly("sku", "description");
            assertThat(sheet.nextFields()).containsExactly("A-1", "line one\r\nline two");
            assertThat(sheet.nextFields()).containsExactly("B-2", "code _x000D_ kept");
            assertThat(sheet.nextFields()).containsExactly("C-3", "bell\u0007_x00zz_ and _x12_ and _x");
            assertThat(sheet.nextFields()).isNull();
        }
    }

    @Test
    void unescapeDecodesEachRunOnceFromLeftToRight() {
        assertThat(CellText.unescape("plain text")).isSameAs("plain text").isEqualTo("plain text");
        assertThat(CellText.unescape("_x000D__x000A_")).isEqualTo("\r\n");
        assertThat(CellText.unescape("_x005F_x005F_")).isEqualTo("_x005F_");
        assertThat(CellText.unescape("a_x00E9_b")).isEqualTo("aéb");
        assertThat(CellText.unescape("x_x000d_y")).isEqualTo("x\ry");
        assertThat(CellText.unescape("__x0041_")).isEqualTo("_A");
        assertThat(CellText.unescape("_x0041")).isEqualTo("_x0041");
        assertThat(CellText.unescape("_X0041_")).isEqualTo("_X0041_");
    }
}
