package com.bulkimport.api.fuzz;

import com.bulkimport.model.csv.ChunkedCsv;
import com.bulkimport.model.csv.CsvHints;
import com.bulkimport.model.csv.CsvInput;
import com.bulkimport.model.csv.EncodingMismatch;
import com.bulkimport.model.csv.UnreadableFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer on the reader the worker runs in production (common-model's {@link ChunkedCsv}): whatever the
 * bytes, it reads records in chunks that always move forward and hold a bounded amount, or refuses
 * with {@link UnreadableFile} / {@link EncodingMismatch}; nothing else may escape. It must also end
 * exactly like {@link CsvInput} (the sample's reader), so a preview never promises what the import
 * then reads differently. Byte 0 picks the hints (as in {@link CsvInputFuzzTest}), byte 1 the chunk
 * size and how often the rest is repeated: repeats make files larger than the chunker's buffer, so the
 * memory bound is put to the test. Runs a few seconds in the suite (see the pom); {@code bench/fuzz}
 * runs it longer.
 */
class ChunkedCsvFuzzTest {

    private static final Character[] DELIMITERS = {null, ',', ';', '\t', '|'};

    private record Outcome(String refusal, String format, List<String> header, List<String> warnings,
                           List<CsvInput.Row> rows) {
        static Outcome refused(RuntimeException e) {
            assertThat(e.getMessage()).isNotBlank();
            return new Outcome(e.getClass().getSimpleName() + (e instanceof UnreadableFile u ? " " + u.code() : ""),
                    null, null, null, null);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void readsOrRefusesCleanlyInBoundedChunks(byte[] data) throws IOException {
        if (data.length < 2) {
            return;
        }
        Character delimiter = DELIMITERS[(data[0] & 0xff) % DELIMITERS.length];
        CsvHints hints = new CsvHints((data[0] & 0x80) != 0 ? StandardCharsets.ISO_8859_1 : null, delimiter);
        int chunkBytes = 16 << ((data[1] >> 3) & 0x7);
        byte[] file = repeated(Arrays.copyOfRange(data, 2, data.length), 1 << ((data[1] & 0x7) % 6));

        assertThat(chunked(file, hints, chunkBytes)).isEqualTo(plain(file, hints));
    }

    private static Outcome chunked(byte[] file, CsvHints hints, int chunkBytes) throws IOException {
        // RecordChunker's first buffer: the target, a quarter more for the record that crosses it, 8 KiB read-ahead
        long firstBuffer = chunkBytes + chunkBytes / 4 + 8192;
        try (ChunkedCsv csv = ChunkedCsv.open(new ByteArrayInputStream(file), hints, chunkBytes)) {
            checkHeader(csv.header());
            List<CsvInput.Row> rows = new ArrayList<>();
            long previousEnd = 0;
            long longestRecord = 0;
            for (ChunkedCsv.Chunk chunk = csv.next(); chunk != null; chunk = csv.next()) {
                long span = chunk.endOffset() - previousEnd;
                assertThat(span).as("every chunk moves the checkpoint forward").isPositive();
                long chars = 0;
                for (CsvInput.Row row : chunk.rows()) {
                    long rowChars = row.fields().stream().mapToLong(String::length).sum();
                    chars += rowChars;
                    longestRecord = Math.max(longestRecord, recordBytesAtMost(rowChars, row.fields().size()));
                    assertThat(row.number()).isEqualTo(rows.size() + 1L);
                    assertThat(row.line()).isLessThanOrEqualTo(chunk.endLine());
                    rows.add(row);
                }
                if (previousEnd == 0) {
                    longestRecord = Math.max(longestRecord, span); // the header record lies within the first chunk
                }
                assertThat(chars).as("text held against the bytes covered").isLessThanOrEqualTo(span);
                // the buffer only grows (doubling) while a single record fills it, so no chunk is larger than
                // the first buffer or twice the longest record read so far: never the whole file
                assertThat(span).as("chunk of %d bytes, target %d", span, chunkBytes)
                        .isLessThanOrEqualTo(Math.max(firstBuffer, 2 * longestRecord));
                previousEnd = chunk.endOffset();
            }
            for (int i = 1; i < rows.size(); i++) {
                assertThat(rows.get(i).line()).isGreaterThan(rows.get(i - 1).line());
            }
            return new Outcome(null, csv.format().toString(), csv.header(), csv.headerWarnings(), rows);
        } catch (UnreadableFile | EncodingMismatch refused) {
            return Outcome.refused(refused);
        }
    }

    private static Outcome plain(byte[] file, CsvHints hints) throws IOException {
        try (CsvInput input = CsvInput.open(new ByteArrayInputStream(file), hints)) {
            List<CsvInput.Row> rows = new ArrayList<>();
            for (CsvInput.Row row = input.next(); row != null; row = input.next()) {
                rows.add(row);
            }
            return new Outcome(null, input.format().toString(), input.header(), input.headerWarnings(), rows);
        } catch (UnreadableFile | EncodingMismatch refused) {
            return Outcome.refused(refused);
        }
    }

    /**
     * The most bytes a record of these fields can take: three per character (UTF-8, or a doubled quote),
     * an opening and closing quote and a delimiter per field, and a CRLF.
     */
    private static long recordBytesAtMost(long chars, int fields) {
        return 3 * chars + 3L * fields + 2;
    }

    private static void checkHeader(List<String> header) {
        assertThat(header).isNotEmpty().doesNotContainNull();
        assertThat(new HashSet<>(header)).as("header names are unique").hasSameSizeAs(header);
        assertThat(header).allMatch(name -> !name.isBlank() && name.equals(name.strip()));
    }

    private static byte[] repeated(byte[] part, int times) {
        byte[] out = new byte[part.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(part, 0, out, i * part.length, part.length);
        }
        return out;
    }
}
