package com.bulkimport.model.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The head of a file as a user needs to see it before importing: detected format, header and the
 * first records exactly as parsed. Works on a truncated stream (a ranged read of a large upload): a
 * record cut off at the end is left out rather than reported.
 *
 * @param truncated whether the sample stopped before the end of the file
 */
public record CsvSample(CsvFormat format, List<String> header, List<String> headerWarnings,
                        List<List<String>> records, boolean truncated) {

    public static final int RECORDS = 20;

    /** @param partial whether {@code source} ends before the file does (a ranged read of a larger object) */
    public static CsvSample read(InputStream source, CsvHints hints, int maxRecords, boolean partial)
            throws IOException {
        try (CsvInput input = CsvInput.open(source, hints)) {
            List<List<String>> records = new ArrayList<>();
            boolean more = false;
            try {
                for (CsvInput.Row row = input.next(); row != null; row = input.next()) {
                    if (records.size() == maxRecords) {
                        more = true;
                        break;
                    }
                    records.add(row.fields());
                }
            } catch (UnreadableFile | EncodingMismatch e) {
                if (!partial) {
                    throw e;
                }
                more = true;
            } catch (java.io.UncheckedIOException e) {
                if (!partial) {
                    throw e;
                }
                more = true;
            }
            if (partial && !more && !records.isEmpty()) {
                // the range ended inside the file: its last record may be cut off
                records.remove(records.size() - 1);
                more = true;
            }
            return new CsvSample(input.format(), input.header(), input.headerWarnings(), List.copyOf(records), more);
        }
    }
}
