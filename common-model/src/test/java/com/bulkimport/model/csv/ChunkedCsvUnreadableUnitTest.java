package com.bulkimport.model.csv;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the worker reads with: a broken gzip stream or a malformed UTF-16 file is the file's fault and
 * says so ({@link UnreadableFile}, once), while a failing connection stays an ordinary, retryable IOException.
 */
class ChunkedCsvUnreadableUnitTest {

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String bigCsv() {
        StringBuilder csv = new StringBuilder("external_id,name\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("R").append(i).append(",Restaurant number ").append(i).append('\n');
        }
        return csv.toString();
    }

    private static long readAll(InputStream in) throws IOException {
        long rows = 0;
        try (ChunkedCsv csv = ChunkedCsv.open(in, CsvHints.NONE, 16 * 1024)) {
            for (ChunkedCsv.Chunk chunk = csv.next(); chunk != null; chunk = csv.next()) {
                rows += chunk.rows().size();
            }
        }
        return rows;
    }

    @Test
    void aWholeGzipFileReadsCompletely() throws IOException {
        assertThat(readAll(new ByteArrayInputStream(gzip(bigCsv())))).isEqualTo(20_000);
    }

    @Test
    void aTruncatedGzipUploadIsBadGzip() throws IOException {
        byte[] whole = gzip(bigCsv());
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(cut)))
                .isInstanceOfSatisfying(UnreadableFile.class, e -> assertThat(e.code()).isEqualTo("BAD_GZIP"))
                .hasMessageContaining("ends early");
    }

    @Test
    void corruptGzipDataIsBadGzip() throws IOException {
        byte[] bytes = gzip(bigCsv());
        for (int i = 200; i < 260; i++) {
            bytes[i] = (byte) 0xFF;
        }
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes)))
                .isInstanceOfSatisfying(UnreadableFile.class, e -> assertThat(e.code()).isEqualTo("BAD_GZIP"));
    }

    @Test
    void aMalformedUtf16FileIsBadEncoding() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        file.write("name,city\nAnn,Lisbon\n".getBytes(StandardCharsets.UTF_16LE));
        file.write(new byte[] {0x00, (byte) 0xDC, 0x41, 0x00}); // a lone low surrogate, then 'A'
        file.write(",x\n".getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(file.toByteArray())))
                .isInstanceOfSatisfying(UnreadableFile.class, e -> assertThat(e.code()).isEqualTo("BAD_ENCODING"));
    }

    @Test
    void aConnectionThatFailsMidFileStaysARetryableReadError() throws IOException {
        byte[] whole = bigCsv().getBytes(StandardCharsets.UTF_8);
        InputStream failing = new InputStream() {
            private int at;

            @Override
            public int read() throws IOException {
                if (at >= whole.length / 2) {
                    throw new IOException("Connection reset");
                }
                return whole[at++] & 0xFF;
            }
        };
        assertThatThrownBy(() -> readAll(failing)).isExactlyInstanceOf(IOException.class).hasMessage("Connection reset");
    }
}
