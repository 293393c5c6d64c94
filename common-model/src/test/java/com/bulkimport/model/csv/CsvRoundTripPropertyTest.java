package com.bulkimport.model.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: any table written by a CSV writer (any delimiter, line ending, quoting, encoding) reads
 * back as the same table. 300 random tables per run, seeded so a failure can be replayed.
 */
class CsvRoundTripPropertyTest {

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final String ALPHABET = "abcXYZ 019,;|\t\"'\n\r-=+@éüßДж中😀";

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void writtenTablesReadBackUnchanged(long seed) throws IOException {
        Random random = new Random(seed);
        char delimiter = DELIMITERS[random.nextInt(DELIMITERS.length)];
        LineDelimiter lineEnding = LineDelimiter.values()[random.nextInt(LineDelimiter.values().length)];
        Charset charset = random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.UTF_16LE;
        int columns = 1 + random.nextInt(8);
        List<String> header = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            header.add("col" + c);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0, n = 1 + random.nextInt(30); r < n; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                row.add(randomCell(random));
            }
            if (row.stream().allMatch(String::isEmpty)) {
                row.set(0, "x");
            }
            rows.add(row);
        }
        StringWriter text = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().fieldSeparator(delimiter).lineDelimiter(lineEnding)
                .quoteStrategy(random.nextBoolean() ? QuoteStrategies.ALWAYS : QuoteStrategies.REQUIRED).build(text)) {
            writer.writeRecord(header);
            for (List<String> row : rows) {
                writer.writeRecord(row);
            }
        }
        byte[] bytes = encode(text.toString(), charset);

        try (CsvInput input = CsvInput.open(new ByteArrayInputStream(bytes), new CsvHints(null, delimiter))) {
            assertThat(input.header()).isEqualTo(header);
            List<List<String>> read = new ArrayList<>();
            for (CsvInput.Row row = input.next(); row != null; row = input.next()) {
                read.add(row.fields());
            }
            assertThat(read).as("seed %d", seed).isEqualTo(rows);
        }
    }

    private static String randomCell(Random random) {
        int length = random.nextInt(12);
        StringBuilder cell = new StringBuilder();
        while (cell.length() < length) {
            cell.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                    random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return cell.toString();
    }

    /** UTF-16 files carry a byte order mark, as every program that writes them does. */
    private static byte[] encode(String text, Charset charset) {
        if (charset.equals(StandardCharsets.UTF_16LE)) {
            byte[] body = text.getBytes(charset);
            byte[] out = new byte[body.length + 2];
            out[0] = (byte) 0xFF;
            out[1] = (byte) 0xFE;
            System.arraycopy(body, 0, out, 2, body.length);
            return out;
        }
        return text.getBytes(charset);
    }
}
