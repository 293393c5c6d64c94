package com.bulkimport.model.csv;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the worker holds per chunk is bounded by the chunk size and the longest record, never by the
 * file: a 22 MB file, made up on the fly so the test itself never holds it, read in 64 KiB chunks.
 */
class ChunkedCsvMemoryUnitTest {

    private static final int CHUNK = 64 * 1024;
    /** RecordChunker's first buffer: the target, a quarter more for the record that crosses it, 8 KiB of read-ahead. */
    private static final int FIRST_BUFFER = CHUNK + CHUNK / 4 + 8192;
    private static final long ROWS = 250_000;
    private static final long BIG_ROW = 125_000;
    private static final String BIG = "y".repeat(1 << 20);
    private static final String PAD = "-".repeat(50);

    /** An InputStream over a CSV whose rows are produced one at a time. */
    private static final class GeneratedCsv extends InputStream {
        private final LongFunction<String> row;
        private final long rows;
        private long next;
        private byte[] current = "id,name,notes\n".getBytes(StandardCharsets.UTF_8);
        private int at;

        GeneratedCsv(long rows, LongFunction<String> row) {
            this.rows = rows;
            this.row = row;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at == current.length) {
                if (next == rows) {
                    return -1;
                }
                current = row.apply(++next).getBytes(StandardCharsets.UTF_8);
                at = 0;
            }
            int n = Math.min(len, current.length - at);
            System.arraycopy(current, at, b, off, n);
            at += n;
            return n;
        }
    }

    private static String row(long n) {
        return n == BIG_ROW ? n + ",Big,\"" + BIG + "\"\n" : n + ",Name " + n + ",notes on row " + n + PAD + "\n";
    }

    @Test
    void aChunkHoldsAboutTheChunkSizeOrOneLongRecordNeverTheFile() throws IOException {
        long rows = 0;
        long previousEnd = 0;
        long largestBeforeBig = 0;
        long largest = 0;
        try (ChunkedCsv csv = ChunkedCsv.open(new GeneratedCsv(ROWS, ChunkedCsvMemoryUnitTest::row), CsvHints.NONE, CHUNK)) {
            for (ChunkedCsv.Chunk chunk = csv.next(); chunk != null; chunk = csv.next()) {
                long span = chunk.endOffset() - previousEnd;
                long chars = chunk.rows().stream().flatMap(r -> r.fields().stream()).mapToLong(String::length).sum();
                assertThat(chars).as("text a chunk holds, against the bytes it covers").isLessThanOrEqualTo(span);
                for (CsvInput.Row row : chunk.rows()) {
                    assertThat(row.number()).isEqualTo(++rows);
                    assertThat(row.fields().get(0)).isEqualTo(Long.toString(rows));
                    if (rows == BIG_ROW) {
                        assertThat(row.fields().get(2)).isEqualTo(BIG);
                    }
                }
                if (chunk.lastRow() < BIG_ROW) {
                    largestBeforeBig = Math.max(largestBeforeBig, span);
                }
                largest = Math.max(largest, span);
                previousEnd = chunk.endOffset();
            }
        }
        assertThat(rows).isEqualTo(ROWS);
        long fileBytes = "id,name,notes\n".length();
        for (long n = 1; n <= ROWS; n++) {
            fileBytes += row(n).length();
        }
        assertThat(previousEnd).isEqualTo(fileBytes).isGreaterThan(20L << 20);
        assertThat(largestBeforeBig).isBetween((long) CHUNK, (long) FIRST_BUFFER);
        // the buffer doubles until the 1 MB record fits, and is then reused: at most twice that record
        assertThat(largest).isLessThanOrEqualTo(2L * (BIG.length() + 64));
    }
}
