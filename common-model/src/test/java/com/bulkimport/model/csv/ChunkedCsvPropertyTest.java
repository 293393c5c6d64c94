package com.bulkimport.model.csv;

import com.bulkimport.local.embedded.testkit.Datasets;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Chunked reading gives exactly the records a plain read gives, whatever the chunk size, and
 * resuming from any chunk's checkpoint gives exactly the records after it.
 */
class ChunkedCsvPropertyTest {

    private static final String ALPHABET = "abcXYZ 019,;|\t\"'\n\r-=+@éüßДж中😀";

    static LongStream seeds() {
        return LongStream.range(0, 150);
    }

    private static List<CsvInput.Row> plainRows(byte[] file) throws IOException {
        List<CsvInput.Row> rows = new ArrayList<>();
        try (CsvInput input = CsvInput.open(new ByteArrayInputStream(file), CsvHints.NONE)) {
            for (CsvInput.Row row = input.next(); row != null; row = input.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private record Read(List<CsvInput.Row> rows, List<ChunkedCsv.Checkpoint> checkpoints) {
    }

    private static Read chunkedRows(InputStream file, int chunkBytes) throws IOException {
        List<CsvInput.Row> rows = new ArrayList<>();
        List<ChunkedCsv.Checkpoint> checkpoints = new ArrayList<>();
        try (ChunkedCsv csv = ChunkedCsv.open(file, CsvHints.NONE, chunkBytes)) {
            for (ChunkedCsv.Chunk chunk = csv.next(); chunk != null; chunk = csv.next()) {
                rows.addAll(chunk.rows());
                checkpoints.add(new ChunkedCsv.Checkpoint(chunk.endOffset(), rows.size(), chunk.endLine(), csv.format(),
                        csv.header()));
            }
        }
        return new Read(rows, checkpoints);
    }

    private static List<CsvInput.Row> resumed(byte[] file, ChunkedCsv.Checkpoint checkpoint, int chunkBytes)
            throws IOException {
        boolean ranged = ChunkedCsv.resumesByRange(checkpoint.format());
        InputStream stream = ranged
                ? new ByteArrayInputStream(file, (int) checkpoint.offset(), file.length - (int) checkpoint.offset())
                : new ByteArrayInputStream(file);
        List<CsvInput.Row> rows = new ArrayList<>();
        try (ChunkedCsv csv = ChunkedCsv.resume(stream, checkpoint, ranged, chunkBytes)) {
            for (ChunkedCsv.Chunk chunk = csv.next(); chunk != null; chunk = csv.next()) {
                rows.addAll(chunk.rows());
            }
        }
        return rows;
    }

    private static void assertSameRecords(List<CsvInput.Row> actual, List<CsvInput.Row> expected) {
        assertThat(actual.stream().map(CsvInput.Row::fields).toList())
                .isEqualTo(expected.stream().map(CsvInput.Row::fields).toList());
        assertThat(actual.stream().map(CsvInput.Row::number).toList())
                .isEqualTo(expected.stream().map(CsvInput.Row::number).toList());
        assertThat(actual.stream().map(CsvInput.Row::line).toList())
                .isEqualTo(expected.stream().map(CsvInput.Row::line).toList());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomTablesReadTheSameInAnyChunksAndResumeFromEveryCheckpoint(long seed) throws IOException {
        Random random = new Random(seed);
        char delimiter = ",;\t|".charAt(random.nextInt(4));
        int columns = 1 + random.nextInt(6);
        StringWriter text = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().fieldSeparator(delimiter)
                .lineDelimiter(LineDelimiter.values()[random.nextInt(LineDelimiter.values().length)])
                .quoteStrategy(random.nextBoolean() ? QuoteStrategies.ALWAYS : QuoteStrategies.REQUIRED).build(text)) {
            List<String> header = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                header.add("h" + c);
            }
            writer.writeRecord(header);
            for (int r = 0, n = random.nextInt(40); r < n; r++) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    StringBuilder cell = new StringBuilder();
                    for (int k = random.nextInt(10); k > 0; k--) {
                        cell.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                                random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
                    }
                    row.add(cell.toString());
                }
                row.set(0, "r" + r + row.get(0));
                writer.writeRecord(row);
            }
        }
        byte[] file = text.toString().getBytes(StandardCharsets.UTF_8);
        List<CsvInput.Row> expected = plainRows(file);
        int chunkBytes = 16 + random.nextInt(200);

        Read read = chunkedRows(new ByteArrayInputStream(file), chunkBytes);

        assertSameRecords(read.rows(), expected);
        for (ChunkedCsv.Checkpoint checkpoint : read.checkpoints()) {
            List<CsvInput.Row> rest = resumed(file, checkpoint, chunkBytes);
            assertSameRecords(rest, expected.subList((int) checkpoint.rowsRead(), expected.size()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"restaurants/zomato.csv", "restaurants/Country-Code.csv",
            "products/raw/off_export_2019_fjoalland.tsv", "products/products_off_exports.csv"})
    void realFilesReadTheSameChunkedAndResumeMidway(String dataset) throws IOException {
        byte[] file = Files.readAllBytes(Datasets.file(dataset));
        List<CsvInput.Row> expected = plainRows(file);

        Read read = chunkedRows(new ByteArrayInputStream(file), 64 * 1024);

        assertSameRecords(read.rows(), expected);
        if (read.checkpoints().size() > 1) {
            ChunkedCsv.Checkpoint middle = read.checkpoints().get(read.checkpoints().size() / 2);
            assertSameRecords(resumed(file, middle, 64 * 1024),
                    expected.subList((int) middle.rowsRead(), expected.size()));
        }
    }

    @Test
    void gzipAndUtf16FilesResumeBySkippingToTheCheckpoint() throws IOException {
        byte[] gzip = Files.readAllBytes(Datasets.file("products/products_lifyzer_off_50k.csv.gz"));
        Read read = chunkedRows(new ByteArrayInputStream(gzip), 256 * 1024);
        assertThat(read.rows()).hasSize(50_060);
        assertThat(read.checkpoints().get(0).format().gzip()).isTrue();
        ChunkedCsv.Checkpoint third = read.checkpoints().get(2);
        assertThat(ChunkedCsv.resumesByRange(third.format())).isFalse();
        assertSameRecords(resumed(gzip, third, 256 * 1024), read.rows().subList((int) third.rowsRead(), 50_060));

        StringBuilder text = new StringBuilder("name;city\r\n\"Zürich\r\nGrill\";Zürich\r\n");
        for (int i = 0; i < 3_000; i++) {
            text.append("Bar ").append(i).append(";Bern\r\n");
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_16LE);
        byte[] utf16 = new byte[body.length + 2];
        utf16[0] = (byte) 0xFF;
        utf16[1] = (byte) 0xFE;
        System.arraycopy(body, 0, utf16, 2, body.length);
        Read wide = chunkedRows(new ByteArrayInputStream(utf16), 4096);
        assertThat(wide.rows()).hasSize(3_001);
        assertThat(wide.rows().get(0).fields()).containsExactly("Zürich\r\nGrill", "Zürich");
        assertThat(wide.rows().get(1).line()).isEqualTo(4L);
        assertThat(wide.checkpoints().size()).isGreaterThan(2);
        ChunkedCsv.Checkpoint second = wide.checkpoints().get(1);
        assertSameRecords(resumed(utf16, second, 4096), wide.rows().subList((int) second.rowsRead(), 3_001));
    }

    @Test
    void aUtf8FileWithABomResumesByRangeFromEveryCheckpoint() throws IOException {
        // the checkpoint's offset is where a ranged read of the stored object starts: the BOM's bytes count
        StringBuilder text = new StringBuilder("name,city\n");
        for (int i = 0; i < 500; i++) {
            text.append("Café ").append(i).append(",Lisboa\n");
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[body.length + 3];
        file[0] = (byte) 0xEF;
        file[1] = (byte) 0xBB;
        file[2] = (byte) 0xBF;
        System.arraycopy(body, 0, file, 3, body.length);

        Read read = chunkedRows(new ByteArrayInputStream(file), 256);

        assertThat(read.rows()).hasSize(500);
        assertThat(read.checkpoints().get(read.checkpoints().size() - 1).offset()).isEqualTo(file.length);
        for (ChunkedCsv.Checkpoint checkpoint : read.checkpoints()) {
            assertThat(ChunkedCsv.resumesByRange(checkpoint.format())).isTrue();
            assertSameRecords(resumed(file, checkpoint, 256), read.rows().subList((int) checkpoint.rowsRead(), 500));
        }
    }

    @Test
    void anUnterminatedQuoteIsRefusedWithItsLine() {
        byte[] file = "a,b\n1,2\n3,\"open\n4,5\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> chunkedRows(new ByteArrayInputStream(file), 4))
                .isInstanceOf(UnreadableFile.class).hasMessageContaining("line 3");
    }

    @Test
    void lateInvalidUtf8AsksForARestart() {
        byte[] head = ("n\n" + "x\n".repeat(600_000)).getBytes(StandardCharsets.UTF_8);
        byte[] file = Arrays.copyOf(head, head.length + 4);
        file[head.length] = 'C';
        file[head.length + 1] = (byte) 0xE9;
        file[head.length + 2] = '\n';
        file[head.length + 3] = '\n';
        assertThatThrownBy(() -> chunkedRows(new ByteArrayInputStream(file), 64 * 1024))
                .isInstanceOf(EncodingMismatch.class);
    }
}
