package com.bulkimport.model.csv;

import com.bulkimport.local.embedded.testkit.Datasets;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvInputUnitTest {

    private static List<List<String>> readAll(CsvInput input) {
        List<List<String>> rows = new ArrayList<>();
        for (CsvInput.Row row = input.next(); row != null; row = input.next()) {
            rows.add(row.fields());
        }
        return rows;
    }

    private static CsvInput open(byte[] bytes) throws IOException {
        return CsvInput.open(new ByteArrayInputStream(bytes), CsvHints.NONE);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsQuotedDelimitersNewlinesAndDoubledQuotes() throws IOException {
        try (CsvInput in = open(utf8("id,name,address\r\n1,\"Ada \"\"e\"\" Haandi's\",\"a, b\nline 2\"\r\n2,x,y\r\n"))) {
            assertThat(in.header()).containsExactly("id", "name", "address");
            assertThat(readAll(in)).containsExactly(List.of("1", "Ada \"e\" Haandi's", "a, b\nline 2"),
                    List.of("2", "x", "y"));
            assertThat(in.format().lineEnding()).isEqualTo("CRLF");
        }
    }

    @Test
    void rowNumbersCountRecordsNotLines() throws IOException {
        try (CsvInput in = open(utf8("a,b\n1,\"x\ny\"\n2,z\n"))) {
            CsvInput.Row first = in.next();
            CsvInput.Row second = in.next();
            assertThat(first.number()).isEqualTo(1);
            assertThat(second.number()).isEqualTo(2);
            assertThat(second.line()).isEqualTo(4);
        }
    }

    @Test
    void stripsAUtf8ByteOrderMark() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        try (CsvInput in = open(concat(bom, utf8("name,city\nCafé,Lisboa\n")))) {
            assertThat(in.header()).containsExactly("name", "city");
            assertThat(readAll(in)).containsExactly(List.of("Café", "Lisboa"));
            assertThat(in.format().encodingReason()).isEqualTo("byte order mark");
        }
    }

    @Test
    void readsUtf16WithByteOrderMark() throws IOException {
        byte[] bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                "name;city\r\nZürich Grill;Zürich\r\n".getBytes(StandardCharsets.UTF_16LE));
        try (CsvInput in = open(bytes)) {
            assertThat(in.format().charset()).isEqualTo(StandardCharsets.UTF_16LE);
            assertThat(in.format().delimiter()).isEqualTo(';');
            assertThat(readAll(in)).containsExactly(List.of("Zürich Grill", "Zürich"));
        }
    }

    @Test
    void fallsBackToWindows1252AndKeepsEveryByte() throws IOException {
        byte[] latin1 = "name\nBras\u00ed_lia\nCaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        try (CsvInput in = open(latin1)) {
            assertThat(in.format().charset()).isEqualTo(Charset.forName("windows-1252"));
            assertThat(readAll(in)).containsExactly(List.of("Bras\u00ed_lia"), List.of("Caf\u00e9"));
        }
    }

    @Test
    void invalidUtf8AfterTheSniffedHeadAsksForARestart() throws IOException {
        StringBuilder text = new StringBuilder("name\n");
        while (text.length() < CsvInput.SNIFF_BYTES + 10) {
            text.append("plain ascii row\n");
        }
        byte[] bytes = concat(utf8(text.toString()), new byte[] {'C', 'a', 'f', (byte) 0xE9, '\n'});
        try (CsvInput in = open(bytes)) {
            assertThat(in.format().charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> readAll(in)).isInstanceOf(EncodingMismatch.class);
        }
    }

    @Test
    void detectsDelimiters() throws IOException {
        assertThat(open(utf8("a;b;c\n1;2,5;3\n4;5;6\n")).format().delimiter()).isEqualTo(';');
        assertThat(open(utf8("a\tb\n1\t2\n")).format().delimiterName()).isEqualTo("TAB");
        assertThat(open(utf8("a|b\n1|2\n")).format().delimiter()).isEqualTo('|');
        assertThat(open(utf8("a,b\n\"1;2\",3\n")).format().delimiter()).isEqualTo(',');
    }

    @Test
    void readsClassicMacLineEndings() throws IOException {
        try (CsvInput in = CsvInput.open(Files.newInputStream(Datasets.file("restaurants/Country-Code.csv")),
                CsvHints.NONE)) {
            assertThat(in.header()).containsExactly("Country Code", "Country");
            List<List<String>> rows = readAll(in);
            assertThat(rows).hasSize(15);
            assertThat(rows.get(0)).containsExactly("1", "India");
            assertThat(in.format().lineEnding()).isEqualTo("CR");
        }
    }

    @Test
    void streamsGzipTransparently() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(utf8("a,b\n1,2\n"));
        }
        try (CsvInput in = open(zipped.toByteArray())) {
            assertThat(in.format().gzip()).isTrue();
            assertThat(readAll(in)).containsExactly(List.of("1", "2"));
        }
    }

    @Test
    void skipsBlankTrailingLines() throws IOException {
        try (CsvInput in = open(utf8("a,b\n1,2\n\n\n"))) {
            assertThat(readAll(in)).containsExactly(List.of("1", "2"));
        }
    }

    @Test
    void emptyAndWhitespaceOnlyFilesAreRefused() {
        assertThatThrownBy(() -> open(new byte[0])).isInstanceOf(UnreadableFile.class).hasMessage("the file is empty");
        assertThatThrownBy(() -> open(utf8("\n\n  \n"))).isInstanceOf(UnreadableFile.class)
                .hasMessage("the file is empty");
    }

    @Test
    void binaryGarbageIsRefused() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        assertThatThrownBy(() -> open(garbage)).isInstanceOf(UnreadableFile.class)
                .extracting(e -> ((UnreadableFile) e).code()).isEqualTo("NOT_TEXT");
    }

    @Test
    void anUnterminatedQuoteIsAFileLevelError() throws IOException {
        try (CsvInput in = open(utf8("a,b\n1,\"open\n2,3\n"))) {
            assertThatThrownBy(() -> readAll(in)).isInstanceOf(UnreadableFile.class)
                    .extracting(e -> ((UnreadableFile) e).code()).isEqualTo("MALFORMED_CSV");
        }
    }

    @Test
    void namesEmptyAndRepeatedHeaders() throws IOException {
        try (CsvInput in = open(utf8("name,,name\n1,2,3\n"))) {
            assertThat(in.header()).containsExactly("name", "column_2", "name_3");
            assertThat(in.headerWarnings()).hasSize(2);
        }
    }

    @Test
    void takesAOneMegabyteFieldAndTenThousandColumns() throws IOException {
        String big = "x".repeat(1 << 20);
        try (CsvInput in = open(utf8("a,b\n1,\"" + big + "\"\n"))) {
            assertThat(in.next().fields().get(1)).hasSize(1 << 20);
        }
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            wide.append(i == 0 ? "" : ",").append("c").append(i);
        }
        try (CsvInput in = open(utf8(wide + "\n" + wide + "\n"))) {
            assertThat(in.header()).hasSize(10_000);
            assertThat(in.next().fields()).hasSize(10_000);
        }
    }

    @Test
    void zomatoIsReadAsLatin1WithEveryRecord() throws IOException {
        try (InputStream file = Files.newInputStream(Datasets.file("restaurants/zomato.csv"));
             CsvInput in = CsvInput.open(file, CsvHints.NONE)) {
            long rows = 0;
            List<String> ada = null;
            for (CsvInput.Row row = in.next(); row != null; row = in.next()) {
                rows++;
                if (row.fields().get(0).equals("301227")) {
                    ada = row.fields();
                }
            }
            assertThat(rows).isEqualTo(9_551);
            assertThat(in.header()).hasSize(21);
            // its first 0x81 (no character in windows-1252) is byte 9,111: the dataset's README counts them
            assertThat(in.format().charset()).isEqualTo(StandardCharsets.ISO_8859_1);
            assertThat(in.format().encodingReason()).contains("byte 0x81 at offset 9111");
            assertThat(ada.get(1)).isEqualTo("Ada \"e\" Haandi's");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
