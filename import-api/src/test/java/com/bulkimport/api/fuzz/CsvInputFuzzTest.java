package com.bulkimport.api.fuzz;

import com.bulkimport.model.csv.CsvHints;
import com.bulkimport.model.csv.CsvInput;
import com.bulkimport.model.csv.EncodingMismatch;
import com.bulkimport.model.csv.UnreadableFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer on the CSV reader (common-model's {@link CsvInput}): whatever the bytes (any encoding, gzip
 * or not, broken quotes, stray BOMs), it either reads records with consistent numbering and a clean
 * header, or refuses with {@link UnreadableFile} / {@link EncodingMismatch}. Nothing else may escape.
 * The first byte picks the hints a user could give. Runs a few seconds in the suite (JAZZER_FUZZ=1,
 * see the pom); {@code bench/fuzz} runs it longer. Without JAZZER_FUZZ it replays its seeds only.
 */
class CsvInputFuzzTest {

    private static final Character[] DELIMITERS = {null, ',', ';', '\t', '|'};

    @FuzzTest(maxDuration = "5s")
    void readsOrRefusesCleanly(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        Character delimiter = DELIMITERS[(data[0] & 0xff) % DELIMITERS.length];
        CsvHints hints = new CsvHints((data[0] & 0x80) != 0 ? StandardCharsets.ISO_8859_1 : null, delimiter);
        byte[] file = Arrays.copyOfRange(data, 1, data.length);
        try (CsvInput input = CsvInput.open(new ByteArrayInputStream(file), hints)) {
            List<String> header = input.header();
            assertThat(header).isNotEmpty().doesNotContainNull();
            assertThat(new HashSet<>(header)).as("header names are unique").hasSameSizeAs(header);
            assertThat(header).allMatch(name -> !name.isBlank() && name.equals(name.strip()));
            long expected = 1;
            long lastLine = 0;
            for (CsvInput.Row row = input.next(); row != null; row = input.next()) {
                assertThat(row.number()).isEqualTo(expected++);
                assertThat(row.line()).isGreaterThanOrEqualTo(lastLine);
                assertThat(row.fields()).doesNotContainNull();
                lastLine = row.line();
            }
        } catch (UnreadableFile | EncodingMismatch refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
