package com.bulkimport.model.csv;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file shape of issue 4, part 1, through the reader the worker runs ({@link ChunkedCsv}) at
 * chunk sizes far below, near and at the production size, against the reader the sample runs
 * ({@link CsvInput}): both must end exactly as the table says, which was worked out by hand from the
 * bytes, not by running either reader.
 */
class ChunkedCsvEdgeCasesUnitTest {

    /** A chunk smaller than most records, one of a few records, and the production size. */
    private static final int[] CHUNK_SIZES = {64, 1024, ChunkedCsv.CHUNK_BYTES};
    private static final Charset UTF_8 = StandardCharsets.UTF_8;
    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;
    /** The JDK's, which equals (by name) the lossless one a reader reports. */
    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final Charset MAC_ROMAN = Charset.forName("x-MacRoman");

    /** What a case must read as: the format's essentials, header, warnings and every row, or a refusal. */
    record Expected(Charset charset, char delimiter, String lineEnding, List<String> header,
                    List<String> warnings, List<CsvInput.Row> rows, CsvOutcome.Refused refused) {
    }

    record Case(String name, Supplier<byte[]> file, CsvHints hints, Expected expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                read("UTF-8 without a BOM", () -> utf8("name,city\nCafé,Lisboa\n"), UTF_8, ',', "LF",
                        List.of("name", "city"), row(1, 2, "Café", "Lisboa")),
                read("UTF-8 with a BOM", () -> concat(bytes(0xEF, 0xBB, 0xBF), utf8("name,city\nCafé,Lisboa\n")),
                        UTF_8, ',', "LF", List.of("name", "city"), row(1, 2, "Café", "Lisboa")),
                read("UTF-16LE with a BOM, CRLF and a quoted CRLF", () -> concat(bytes(0xFF, 0xFE),
                                "name;city\r\n\"Zürich\r\nGrill\";Zürich\r\nBar;Bern\r\n".getBytes(StandardCharsets.UTF_16LE)),
                        StandardCharsets.UTF_16LE, ';', "CRLF", List.of("name", "city"),
                        row(1, 2, "Zürich\r\nGrill", "Zürich"), row(2, 4, "Bar", "Bern")),
                read("UTF-16LE without a BOM, CRLF", () -> "name;city\r\nZ\u00fcrich Grill;Z\u00fcrich\r\n\u6771\u4eac;Tokyo\r\n"
                                .getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE, ';', "CRLF",
                        List.of("name", "city"), row(1, 2, "Z\u00fcrich Grill", "Z\u00fcrich"), row(2, 3, "\u6771\u4eac", "Tokyo")),
                read("UTF-16BE without a BOM", () -> "name,city\nAnn,K\u00f6ln\n".getBytes(StandardCharsets.UTF_16BE),
                        StandardCharsets.UTF_16BE, ',', "LF", List.of("name", "city"), row(1, 2, "Ann", "K\u00f6ln")),
                read("UTF-16BE with a BOM", () -> concat(bytes(0xFE, 0xFF),
                                "name,city\nAnn,Köln\n".getBytes(StandardCharsets.UTF_16BE)),
                        StandardCharsets.UTF_16BE, ',', "LF", List.of("name", "city"), row(1, 2, "Ann", "Köln")),
                new Case("a BOM wins over a given encoding", () -> concat(bytes(0xEF, 0xBB, 0xBF), utf8("name\nCafé\n")),
                        new CsvHints(LATIN_1, null),
                        expect(UTF_8, ',', "LF", List.of("name"), List.of(), row(1, 2, "Café"))),
                refused("a BOM and nothing else", () -> bytes(0xEF, 0xBB, 0xBF), "EMPTY_FILE"),
                // Excel's delimiter line: it names the delimiter and is no record; the header is line 2. Without
                // it, the commas in the notes would win the sniff (three fields a record against two)
                read("Excel's sep=; line ahead of the header", () -> concat(bytes(0xEF, 0xBB, 0xBF),
                                utf8("sep=;\r\nname;note\r\nAnn;a,b,c\r\n")), UTF_8, ';', "CRLF",
                        List.of("name", "note"), row(1, 3, "Ann", "a,b,c")),
                read("Excel's delimiter line in upper case, a tab", () -> utf8("SEP=\t\nname\tcity\nBar\tBern\n"),
                        UTF_8, '\t', "LF", List.of("name", "city"), row(1, 3, "Bar", "Bern")),
                new Case("Excel's delimiter line under a given delimiter is no header either",
                        () -> utf8("sep=;\nname,city\nBar,Bern\n"), new CsvHints(null, ','),
                        expect(UTF_8, ',', "LF", List.of("name", "city"), List.of(), row(1, 3, "Bar", "Bern"))),
                read("a header that only starts like a delimiter line", () -> utf8("sep=x;y\nA;1\n"), UTF_8, ';',
                        "LF", List.of("sep=x", "y"), row(1, 2, "A", "1")),
                read("not UTF-8: read as windows-1252, every byte kept", () -> "name\nCaf\u00e9\n".getBytes(LATIN_1),
                        CP1252, ',', "LF", List.of("name"), row(1, 2, "Caf\u00e9")),
                // as Excel saves "CSV (comma delimited)" on Windows: 0x80-0x9F are the euro sign, quotes and dashes
                read("Excel's CSV on Windows: windows-1252's euro sign, curly quotes, dashes and ellipsis",
                        () -> concat(utf8("name;note\r\nCaf"), bytes(0xE9, ';', 0x93), utf8("Sp"), bytes(0xE9),
                                utf8("cial"), bytes(0x94, ' ', 0x96, ' ', 0x80), utf8("5"), bytes(0x85, 0x99),
                                utf8("\r\n")),
                        CP1252, ';', "CRLF", List.of("name", "note"),
                        row(1, 2, "Caf\u00e9", "\u201cSp\u00e9cial\u201d \u2013 \u20ac5\u2026\u2122")),
                // Excel for Mac's "CSV (Macintosh)": CR line endings, Mac OS Roman (0x8E is é there, Ž in windows-1252)
                read("classic Mac line endings: Mac OS Roman", () -> "name;city\rCaf\u00e9 \u201cSol\u201d;Z\u00fcrich\r"
                                .getBytes(MAC_ROMAN), MAC_ROMAN, ';', "CR", List.of("name", "city"),
                        row(1, 2, "Caf\u00e9 \u201cSol\u201d", "Z\u00fcrich")),
                // zomato.csv's bytes: 0x81 is no character in windows-1252, so the text is not that; each byte is kept
                read("a byte windows-1252 leaves undefined: read as ISO-8859-1",
                        () -> concat(utf8("name,currency\nBe"), bytes(0x81, 0xF4), utf8("ikta,Pounds("), bytes(0x8C, 0xA3),
                                utf8(")\n")),
                        LATIN_1, ',', "LF", List.of("name", "currency"),
                        row(1, 2, "Be\u0081\u00f4ikta", "Pounds(\u008c\u00a3)")),
                // past the sniffed megabyte, where the sniffer cannot see it: the JDK's windows-1252 refuses 0x81
                read("windows-1252 holding an undefined byte after its first megabyte: the byte is kept",
                        () -> concat(utf8("name\n"), bytes(0x93), utf8("x"), bytes(0x94, '\n'),
                                utf8("plain row\n".repeat(120_000)), bytes('a', 0x81, 'b', 0x9D, '\n')),
                        CP1252, ',', "LF", List.of("name"), lateUndefinedRows()),
                new Case("a given windows-1252 reads the bytes it leaves undefined as ISO-8859-1 does",
                        () -> concat(utf8("name\n"), bytes(0x8D, 0x80, 0x8F, 0x90, 0x9D), utf8("\n")),
                        new CsvHints(Charset.forName("cp1252"), null),
                        expect(CP1252, ',', "LF", List.of("name"), List.of(), row(1, 2, "\u008d\u20ac\u008f\u0090\u009d"))),
                new Case("a given encoding (windows-1252: 0x80 is the euro sign)",
                        () -> concat(utf8("name,price\nTea,3"), bytes(0x80), utf8("\n")),
                        new CsvHints(Charset.forName("windows-1252"), null),
                        expect(Charset.forName("windows-1252"), ',', "LF", List.of("name", "price"), List.of(),
                                row(1, 2, "Tea", "3\u20ac"))),
                refused("invalid UTF-8 after the first megabyte", ChunkedCsvEdgeCasesUnitTest::lateLatin1,
                        EncodingMismatch.class, null),
                // a report's export: its title alone on line 1 (quoted, for its comma), a blank line, then the table
                new Case("a title and a blank line above the header", () -> utf8(
                        "\"Customer export, 31 March 2024\"\n\nname,city\nAnn,Bern\n"), CsvHints.NONE,
                        expect(UTF_8, ',', "LF", List.of("name", "city"), List.of("line 1 holds a title above the header"
                                + " (line 3), not columns: skipped (\"Customer export, 31 March 2024\")"),
                                row(1, 4, "Ann", "Bern"))),
                // Excel pads every line of a CSV to the table's width
                new Case("a title padded with empty fields, a padded blank line, then the header", () -> utf8(
                        "Products March 2024,,\r\n,,\r\nsku,name,price\r\nA1,Tea,3\r\n"), CsvHints.NONE,
                        expect(UTF_8, ',', "CRLF", List.of("sku", "name", "price"), List.of("line 1 holds a title"
                                + " above the header (line 3), not columns: skipped (\"Products March 2024\")"),
                                row(1, 4, "A1", "Tea", "3"))),
                new Case("a title of two lines", () -> utf8("Acme Ltd\nStock report\nsku;qty\nA;1\nB;2\n"),
                        CsvHints.NONE, expect(UTF_8, ';', "LF", List.of("sku", "qty"), List.of("lines 1\u20132 hold a"
                                + " title above the header (line 3), not columns: skipped (\"Acme Ltd\")"),
                                row(1, 4, "A", "1"), row(2, 5, "B", "2"))),
                read("a table of one column keeps its first line as the header",
                        () -> utf8("email\na@x.org\nb@y.org\n"), UTF_8, ',', "LF", List.of("email"),
                        row(1, 2, "a@x.org"), row(2, 3, "b@y.org")),
                read("four one-field lines before a wider one are a table, not a title",
                        () -> utf8("a\nb\nc\nd\nx,y\n"), UTF_8, ',', "LF", List.of("a"),
                        row(1, 2, "b"), row(2, 3, "c"), row(3, 4, "d"), row(4, 5, "x", "y")),
                read("CRLF line endings", () -> utf8("a,b\r\n1,2\r\n3,4\r\n"), UTF_8, ',', "CRLF", List.of("a", "b"),
                        row(1, 2, "1", "2"), row(2, 3, "3", "4")),
                read("CR-only line endings, a CR inside quotes", () -> utf8("a,b\r\"x\ry\",2\r3,4\r"), UTF_8, ',', "CR",
                        List.of("a", "b"), row(1, 2, "x\ry", "2"), row(2, 4, "3", "4")),
                read("CR-only without a final line break", () -> utf8("a,b\r1,2\r3,4"), UTF_8, ',', "CR",
                        List.of("a", "b"), row(1, 2, "1", "2"), row(2, 3, "3", "4")),
                read("';' detected (',' is a decimal comma)", () -> utf8("a;b;c\n1;2,5;3\n4;5;6\n"), UTF_8, ';', "LF",
                        List.of("a", "b", "c"), row(1, 2, "1", "2,5", "3"), row(2, 3, "4", "5", "6")),
                read("TAB detected", () -> utf8("a\tb\n1\t2\n"), UTF_8, '\t', "LF", List.of("a", "b"),
                        row(1, 2, "1", "2")),
                read("'|' detected", () -> utf8("a|b\n1|2\n"), UTF_8, '|', "LF", List.of("a", "b"), row(1, 2, "1", "2")),
                read("',' detected over a quoted ';'", () -> utf8("a,b\n\"1;2\",3\n"), UTF_8, ',', "LF",
                        List.of("a", "b"), row(1, 2, "1;2", "3")),
                new Case("a given delimiter", () -> utf8("a;b,c\n1;2,3\n"), new CsvHints(null, ';'),
                        expect(UTF_8, ';', "LF", List.of("a", "b,c"), List.of(), row(1, 2, "1", "2,3"))),
                read("quoted delimiters, newlines and doubled quotes",
                        () -> utf8("id,name,address\r\n1,\"Ada \"\"e\"\" Haandi's\",\"a, b\nline 2\"\r\n2,x,y\r\n"),
                        UTF_8, ',', "CRLF", List.of("id", "name", "address"),
                        row(1, 2, "1", "Ada \"e\" Haandi's", "a, b\nline 2"), row(2, 4, "2", "x", "y")),
                read("blank lines between and after records", () -> utf8("a,b\n1,2\n\n\n3,4\n\n\n"), UTF_8, ',', "LF",
                        List.of("a", "b"), row(1, 2, "1", "2"), row(2, 5, "3", "4")),
                new Case("empty and repeated header names", () -> utf8("name,,name\n1,2,3\n"), CsvHints.NONE,
                        expect(UTF_8, ',', "LF", List.of("name", "column_2", "name_3"),
                                List.of("column 2 has no header name; called it column_2",
                                        "header 'name' appears more than once; column 3 is called name_3"),
                                row(1, 2, "1", "2", "3"))),
                read("ragged rows: too few and too many fields", () -> utf8("a,b,c\n1\n1,2,3,4,5\n,,\n"), UTF_8, ',',
                        "LF", List.of("a", "b", "c"), row(1, 2, "1"), row(2, 3, "1", "2", "3", "4", "5"),
                        row(3, 4, "", "", "")),
                refused("an unterminated quote", () -> utf8("a,b\n1,\"open\n2,3\n"), "MALFORMED_CSV"),
                refused("a record longer than 8 MB (a quote left open in a big file)",
                        () -> utf8("a,b\n1,\"" + "x\n".repeat(9 << 19)), "MALFORMED_CSV"),
                read("a few NUL bytes in a field (the validator refuses the value)", () -> utf8("name,notes\nAnn,a\0b\0\n"),
                        UTF_8, ',', "LF", List.of("name", "notes"), row(1, 2, "Ann", "a\0b\0")),
                // zeros in both bytes of a pair: no UTF-16 text (which has them in every other byte only)
                refused("NUL bytes throughout the sniffed head (a binary file)", () -> utf8("name\n" + "\0\0x".repeat(200)),
                        "NOT_TEXT"),
                new Case("NUL bytes past the sniffed head", ChunkedCsvEdgeCasesUnitTest::lateNuls, CsvHints.NONE,
                        lateNulsExpected()),
                new Case("a single 1 MB field with line breaks", () -> utf8("a,b\n1,\"" + megabyte() + "\"\n2,x\n"),
                        CsvHints.NONE, expect(UTF_8, ',', "LF", List.of("a", "b"), List.of(),
                        row(1, 2, "1", megabyte()), row(2, 3 + (1 << 20) / 8, "2", "x"))),
                new Case("10,000 columns", () -> utf8(wide("c") + "\n" + wide("v") + "\n"), CsvHints.NONE,
                        expect(UTF_8, ',', "LF", columns("c"), List.of(),
                                new CsvInput.Row(1, 2, columns("v")))),
                refused("binary garbage", ChunkedCsvEdgeCasesUnitTest::garbage, "NOT_TEXT"),
                refused("an empty file", () -> new byte[0], "EMPTY_FILE"),
                refused("only blank lines", () -> utf8("\n\r\n  \n"), "EMPTY_FILE"),
                read("blank lines ahead of the header, more than a chunk", () -> utf8("\n".repeat(5000) + "a,b\n1,2\n"),
                        UTF_8, ',', "LF", List.of("a", "b"), row(1, 5002, "1", "2")),
                // 0xFF with a CR line ending: Mac OS Roman's caron
                read("a blank line, then a header as the last line (found by ChunkedCsvFuzzTest)",
                        () -> "\r\u00ff".getBytes(LATIN_1), MAC_ROMAN, ',', "CR", List.of("\u02c7")),
                read("a header and no records", () -> utf8("name,city\n"), UTF_8, ',', "LF", List.of("name", "city")),
                read("a header without a line break", () -> utf8("name,city"), UTF_8, ',', "LF",
                        List.of("name", "city")),
                read("gzip, streamed", () -> gzip(utf8("a;b\n1;2\n")), UTF_8, ';', "LF", List.of("a", "b"),
                        row(1, 2, "1", "2")),
                refused("a truncated gzip upload", () -> {
                    byte[] whole = gzip(utf8("a,b\n" + "1,2\n".repeat(10_000)));
                    return Arrays.copyOf(whole, whole.length / 2);
                }, "BAD_GZIP"),
                refused("gzip magic bytes, then garbage", () -> concat(bytes(0x1F, 0x8B), garbage()), "BAD_GZIP"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theWorkersReaderEndsLikeTheSamplesReaderAndAsExpected(Case c) throws IOException {
        byte[] file = c.file().get();
        CsvOutcome plain = CsvOutcome.plain(file, c.hints());

        assertMatches(plain, c.expected(), "CsvInput");
        for (int chunkBytes : CHUNK_SIZES) {
            CsvOutcome chunked = CsvOutcome.chunked(file, c.hints(), chunkBytes);
            assertThat(chunked).as("ChunkedCsv in chunks of %d bytes vs CsvInput", chunkBytes).isEqualTo(plain);
        }
    }

    private static void assertMatches(CsvOutcome actual, Expected expected, String reader) {
        if (expected.refused() != null) {
            assertThat(actual).as(reader).isEqualTo(expected.refused());
            return;
        }
        assertThat(actual).as(reader).isInstanceOf(CsvOutcome.Read.class);
        CsvOutcome.Read read = (CsvOutcome.Read) actual;
        assertThat(read.format().charset()).as(reader).isEqualTo(expected.charset());
        assertThat(read.format().delimiter()).as(reader).isEqualTo(expected.delimiter());
        assertThat(read.format().lineEnding()).as(reader).isEqualTo(expected.lineEnding());
        assertThat(read.header()).as(reader).isEqualTo(expected.header());
        assertThat(read.headerWarnings()).as(reader).isEqualTo(expected.warnings());
        assertThat(read.rows()).as(reader).isEqualTo(expected.rows());
    }

    private static Case read(String name, Supplier<byte[]> file, Charset charset, char delimiter, String lineEnding,
                             List<String> header, CsvInput.Row... rows) {
        return new Case(name, file, CsvHints.NONE, expect(charset, delimiter, lineEnding, header, List.of(), rows));
    }

    private static Expected expect(Charset charset, char delimiter, String lineEnding, List<String> header,
                                   List<String> warnings, CsvInput.Row... rows) {
        return new Expected(charset, delimiter, lineEnding, header, warnings, List.of(rows), null);
    }

    private static Case refused(String name, Supplier<byte[]> file, String code) {
        return refused(name, file, UnreadableFile.class, code);
    }

    private static Case refused(String name, Supplier<byte[]> file, Class<? extends RuntimeException> type,
                                String code) {
        return new Case(name, file, CsvHints.NONE,
                new Expected(null, ',', null, null, null, null, new CsvOutcome.Refused(type, code)));
    }

    private static CsvInput.Row row(long number, long line, String... fields) {
        return new CsvInput.Row(number, line, List.of(fields));
    }

    /** 1 MB: "0123456\n" over and over, so the field spans 131,072 lines. */
    private static String megabyte() {
        return "0123456\n".repeat((1 << 20) / 8);
    }

    private static List<String> columns(String prefix) {
        return IntStream.range(0, 10_000).mapToObj(i -> prefix + i).toList();
    }

    private static String wide(String prefix) {
        return String.join(",", columns(prefix));
    }

    /** 150,000 ASCII rows (more than the sniffed megabyte), then one with an ISO-8859-1 'é'. */
    private static byte[] lateLatin1() {
        byte[] head = utf8("name\n" + "plain row\n".repeat(150_000));
        return concat(head, bytes('C', 'a', 'f', 0xE9, '\n'));
    }

    private static CsvInput.Row[] lateUndefinedRows() {
        List<CsvInput.Row> rows = new ArrayList<>();
        rows.add(row(1, 2, "\u201cx\u201d"));
        for (int i = 2; i <= 120_001; i++) {
            rows.add(row(i, i + 1, "plain row"));
        }
        rows.add(row(120_002, 120_003, "a\u0081b\u009d"));
        return rows.toArray(CsvInput.Row[]::new);
    }

    private static byte[] lateNuls() {
        return utf8("id,notes\n" + "1,plain\n".repeat(150_000) + "2,x\0\0\0y\n");
    }

    private static Expected lateNulsExpected() {
        List<CsvInput.Row> rows = new ArrayList<>();
        for (int i = 1; i <= 150_000; i++) {
            rows.add(row(i, i + 1, "1", "plain"));
        }
        rows.add(row(150_001, 150_002, "2", "x\0\0\0y"));
        return new Expected(UTF_8, ',', "LF", List.of("id", "notes"), List.of(), rows, null);
    }

    private static byte[] garbage() {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        bytes[0] = 0x00; // no accidental byte order mark or gzip magic
        return bytes;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] part : parts) {
            int at = out.length;
            out = Arrays.copyOf(out, at + part.length);
            System.arraycopy(part, 0, out, at, part.length);
        }
        return out;
    }
}
