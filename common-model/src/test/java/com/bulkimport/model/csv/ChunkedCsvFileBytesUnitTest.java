package com.bulkimport.model.csv;

import com.bulkimport.local.embedded.testkit.Datasets;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What progress is measured in: the stored file's bytes read, compressed ones for gzip, from the file's
 * first byte whether the read started there or at a checkpoint. Every expected figure is the file's
 * own length.
 */
class ChunkedCsvFileBytesUnitTest {

    private static byte[] rows(int count) {
        StringBuilder text = new StringBuilder("name,city\n");
        for (int i = 0; i < count; i++) {
            text.append("Café number ").append(i).append(",Lisboa\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zipped = new GZIPOutputStream(out)) {
            zipped.write(plain);
        }
        return out.toByteArray();
    }

    /** fileBytesRead after each chunk, and the checkpoints. */
    private record Read(List<Long> bytesAfterChunk, List<ChunkedCsv.Checkpoint> checkpoints) {
    }

    private static Read read(ChunkedCsv csv) throws IOException {
        List<Long> bytes = new ArrayList<>();
        List<ChunkedCsv.Checkpoint> checkpoints = new ArrayList<>();
        long rows = 0;
        for (ChunkedCsv.Chunk chunk = csv.next(); chunk != null; chunk = csv.next()) {
            rows = chunk.rows().isEmpty() ? rows : chunk.lastRow();
            bytes.add(csv.fileBytesRead());
            checkpoints.add(new ChunkedCsv.Checkpoint(chunk.endOffset(), rows, chunk.endLine(), csv.format(),
                    csv.header()));
        }
        return new Read(bytes, checkpoints);
    }

    @Test
    void aPlainFileIsReadToItsSizeGrowingChunkByChunk() throws IOException {
        byte[] file = rows(200_000);

        Read read;
        try (ChunkedCsv csv = ChunkedCsv.open(new ByteArrayInputStream(file), CsvHints.NONE, 256 * 1024)) {
            read = read(csv);
        }

        assertThat(read.bytesAfterChunk().size()).isGreaterThan(10);
        assertThat(read.bytesAfterChunk()).isSorted();
        assertThat(read.bytesAfterChunk().get(0)).isLessThan(file.length / 4);
        assertThat(read.bytesAfterChunk().get(read.bytesAfterChunk().size() - 1)).isEqualTo(file.length);
    }

    @Test
    void aRangedResumeCountsFromTheFilesFirstByte() throws IOException {
        byte[] body = rows(100_000);
        byte[] file = new byte[body.length + 3];
        file[0] = (byte) 0xEF;
        file[1] = (byte) 0xBB;
        file[2] = (byte) 0xBF;
        System.arraycopy(body, 0, file, 3, body.length);
        Read first;
        try (ChunkedCsv csv = ChunkedCsv.open(new ByteArrayInputStream(file), CsvHints.NONE, 128 * 1024)) {
            first = read(csv);
        }
        ChunkedCsv.Checkpoint middle = first.checkpoints().get(first.checkpoints().size() / 2);
        int offset = (int) middle.offset();

        try (ChunkedCsv resumed = ChunkedCsv.resume(new ByteArrayInputStream(file, offset, file.length - offset),
                middle, true, 128 * 1024)) {
            assertThat(resumed.fileBytesRead()).isEqualTo(offset);
            Read rest = read(resumed);
            assertThat(rest.bytesAfterChunk().get(0)).isGreaterThan(offset);
            assertThat(rest.bytesAfterChunk().get(rest.bytesAfterChunk().size() - 1)).isEqualTo(file.length);
        }
        assertThat(first.bytesAfterChunk().get(first.bytesAfterChunk().size() - 1)).isEqualTo(file.length);
    }

    @Test
    void aGzipFileCountsItsCompressedBytesAlsoWhenResumedBySkipping() throws IOException {
        byte[] plain = rows(300_000);
        byte[] file = gzip(plain);
        assertThat(file.length).isLessThan(plain.length / 3);

        Read read;
        try (ChunkedCsv csv = ChunkedCsv.open(new ByteArrayInputStream(file), CsvHints.NONE, 256 * 1024)) {
            read = read(csv);
        }
        assertThat(read.bytesAfterChunk()).isSorted();
        assertThat(read.bytesAfterChunk().get(0)).isLessThan(file.length / 4);
        assertThat(read.bytesAfterChunk().get(read.bytesAfterChunk().size() - 1)).isEqualTo(file.length);

        ChunkedCsv.Checkpoint third = read.checkpoints().get(2);
        try (ChunkedCsv resumed = ChunkedCsv.resume(new ByteArrayInputStream(file), third, false, 256 * 1024)) {
            Read rest = read(resumed);
            assertThat(rest.bytesAfterChunk().get(rest.bytesAfterChunk().size() - 1)).isEqualTo(file.length);
        }
    }

    @Test
    void aRealGzipDatasetIsReadToItsCompressedSize() throws IOException {
        byte[] file = Files.readAllBytes(Datasets.file("products/products_lifyzer_off_50k.csv.gz"));

        Read read;
        try (ChunkedCsv csv = ChunkedCsv.open(new ByteArrayInputStream(file), CsvHints.NONE, 256 * 1024)) {
            read = read(csv);
        }

        assertThat(read.bytesAfterChunk().get(read.bytesAfterChunk().size() - 1)).isEqualTo(file.length);
    }
}
