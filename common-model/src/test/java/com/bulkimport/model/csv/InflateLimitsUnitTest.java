package com.bulkimport.model.csv;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decompression and record limits of the CSV readers (issue 19, task 5), on files generated here. */
class InflateLimitsUnitTest {

    private static final int MB = 1 << 20;
    private static final InflateLimits IMPORT = new InflateLimits(8L * MB, 200, MB, "one import", "BYTES_SETTING",
            "RATIO_SETTING");

    /** {@code header} then {@code row} until {@code bytes} of text, gzipped as it is written (never all in memory). */
    static byte[] gzip(String header, String row, long bytes) {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped, 64 * 1024)) {
            byte[] line = row.getBytes(StandardCharsets.UTF_8);
            byte[] block = line.length >= 64 * 1024 ? line : row.repeat(64 * 1024 / line.length)
                    .getBytes(StandardCharsets.UTF_8);
            gzip.write(header.getBytes(StandardCharsets.UTF_8));
            for (long written = header.length(); written < bytes; written += block.length) {
                gzip.write(block);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zipped.toByteArray();
    }

    /** Every chunk, or the refusal. */
    private static long rowsOf(byte[] file, InflateLimits limits) throws IOException {
        long rows = 0;
        try (ChunkedCsv csv = ChunkedCsv.open(new ByteArrayInputStream(file), CsvHints.NONE, 256 * 1024, limits)) {
            for (ChunkedCsv.Chunk chunk = csv.next(); chunk != null; chunk = csv.next()) {
                rows += chunk.rows().size();
            }
        }
        return rows;
    }

    @Test
    void aGzipBombFailsOnceItsRatioPassesTheCapPastTheFirstBytes() {
        // 256 MB of one repeated row: about a thousandfold smaller zipped
        byte[] bomb = gzip("external_id,name,city\n", "R1,Same Place,Lisbon\n", 256L * MB);
        assertThat(bomb.length).isLessThan(MB);

        assertThatThrownBy(() -> rowsOf(bomb, IMPORT)).isInstanceOf(UnreadableFile.class)
                .satisfies(e -> assertThat(((UnreadableFile) e).code()).isEqualTo("COMPRESSION_RATIO_TOO_HIGH"))
                .hasMessageStartingWith("the gzip data inflates more than 200 times (")
                .hasMessageEndingWith("), as only a decompression bomb does; nothing was imported"
                        + " (setting RATIO_SETTING raises the limit)");
    }

    @Test
    void textPastTheAbsoluteCapFailsWhateverItsRatio() {
        String row = "R,Place,City\n";
        byte[] plain = ("id,name,city\n" + row.repeat(9 * MB / row.length())).getBytes(StandardCharsets.UTF_8);
        InflateLimits noRatio = new InflateLimits(8L * MB, 0, 0, "one import", "BYTES_SETTING", "");

        assertThatThrownBy(() -> rowsOf(plain, noRatio)).isInstanceOf(UnreadableFile.class)
                .hasMessage("the file holds more than 8 MB of text once decompressed, the most one import reads"
                        + " (setting BYTES_SETTING raises the limit)")
                .satisfies(e -> assertThat(((UnreadableFile) e).code()).isEqualTo("DECOMPRESSED_TOO_LARGE"));
        assertThatThrownBy(() -> rowsOf(gzip("id,name,city\n", row, 9L * MB), noRatio))
                .hasMessageStartingWith("the file holds more than 8 MB of text");
    }

    @Test
    void anOrdinaryGzipWithinTheLimitsIsReadWhole() throws IOException {
        StringBuilder text = new StringBuilder("id,name,city\n");
        java.util.Random random = new java.util.Random(7);
        int rows = 0;
        while (text.length() < 4 * MB) {
            text.append('R').append(rows++).append(",Place ").append(random.nextInt(1_000_000)).append(",City ")
                    .append(random.nextInt(500)).append('\n');
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(rowsOf(zipped.toByteArray(), IMPORT)).isEqualTo(rows);
    }

    @Test
    void aResumedReadCountsFromTheStartOfTheFile() throws IOException {
        String row = "R,Place,City\n";
        InflateLimits small = new InflateLimits(MB, 0, 0, "one import", "BYTES_SETTING", "");
        // just under the limit as uploaded first; the resume's range then brings 200 more rows
        byte[] plain = ("id,name,city\n" + row.repeat((MB - 1024) / row.length())).getBytes(StandardCharsets.UTF_8);
        ChunkedCsv.Checkpoint checkpoint;
        try (ChunkedCsv csv = ChunkedCsv.open(new ByteArrayInputStream(plain), CsvHints.NONE, 256 * 1024, small)) {
            ChunkedCsv.Chunk first = csv.next();
            checkpoint = new ChunkedCsv.Checkpoint(first.endOffset(), first.lastRow(), first.endLine(), csv.format(),
                    csv.header());
        }
        int from = (int) checkpoint.offset();
        byte[] rest = (new String(plain, from, plain.length - from, StandardCharsets.UTF_8) + row.repeat(200))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(rest.length).as("the range alone is within the limit").isLessThan(MB);

        assertThatThrownBy(() -> {
            try (ChunkedCsv csv = ChunkedCsv.resume(new ByteArrayInputStream(rest), checkpoint, true, 256 * 1024,
                    small)) {
                while (csv.next() != null) {
                    // read on
                }
            }
        }).hasMessageStartingWith("the file holds more than 1 MB of text once decompressed");
    }

    private static final CsvSample.Limits SAMPLE = new CsvSample.Limits(new InflateLimits(4L * MB, 0, 0, "a sample",
            "SAMPLE_BYTES", ""), 100_000, "SAMPLE_RECORD");

    @Test
    void aSampleEndsBeforeARecordLongerThanItsLimitAndSaysWhy() throws IOException {
        String file = "id,name\nA,short\nB," + "x".repeat(5_000_000) + "\nC,after\n";
        CsvSample sample = CsvSample.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                CsvHints.NONE, 20, false, SAMPLE);

        assertThat(sample.records()).containsExactly(List.of("A", "short"));
        assertThat(sample.truncated()).isTrue();
        assertThat(sample.notes()).containsExactly("the sample ends here: record 2 (near line 3) is longer than 100,000"
                + " characters, the longest record a sample shows (setting SAMPLE_RECORD); the import itself reads the"
                + " whole file");
    }

    @Test
    void aHeaderLongerThanTheRecordLimitIsRefused() {
        byte[] file = gzip("id," + "h".repeat(300_000) + "\n", "1,2\n", 10 * MB);
        assertThatThrownBy(() -> CsvSample.read(new ByteArrayInputStream(file), CsvHints.NONE, 20, false, SAMPLE))
                .isInstanceOf(UnreadableFile.class).hasMessage("the header (line 1) is longer than 100,000 characters,"
                        + " the longest record a sample shows (setting SAMPLE_RECORD)")
                .satisfies(e -> assertThat(((UnreadableFile) e).code()).isEqualTo("RECORD_TOO_LONG"));
    }

    @Test
    void aSampleWhoseHeadInflatesPastItsCapEndsThereWithANote() throws IOException {
        // records just under the record limit (90,000 characters): the head passes 4 MB after 46 of them (fewer are
        // shown: the readers read ahead); ask for 60
        String row = "r," + "y".repeat(89_997) + "\n";
        byte[] file = gzip("id,text\n", row, 64L * MB);
        CsvSample sample = CsvSample.read(new ByteArrayInputStream(file), CsvHints.NONE, 60, false, SAMPLE);

        assertThat(sample.truncated()).isTrue();
        assertThat(sample.records().size()).isBetween(30, 46);
        assertThat(sample.notes()).containsExactly("the sample ends here: the file holds more than 4 MB of text once"
                + " decompressed, the most a sample reads (setting SAMPLE_BYTES raises the limit); the import itself"
                + " reads the whole file");
    }
}
