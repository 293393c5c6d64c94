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
 * @param notes     why it stopped early when a limit stopped it (a record too long to show, the head inflating
 *                  past its cap), in words
 */
public record CsvSample(CsvFormat format, List<String> header, List<String> headerWarnings,
                        List<List<String>> records, boolean truncated, List<String> notes) {

    public static final int RECORDS = 20;
    private static final java.util.Set<String> LIMITS = java.util.Set.of("RECORD_TOO_LONG", "DECOMPRESSED_TOO_LARGE",
            "COMPRESSION_RATIO_TOO_HIGH");

    /** What a sample may cost: how far its head may inflate, and its longest record (header included). */
    public record Limits(InflateLimits inflate, int maxRecordChars, String recordSetting) {
        public static final Limits NONE = new Limits(InflateLimits.NONE, CsvInput.MAX_FIELD_CHARS, null);
    }

    /** @param partial whether {@code source} ends before the file does (a ranged read of a larger object) */
    public static CsvSample read(InputStream source, CsvHints hints, int maxRecords, boolean partial)
            throws IOException {
        return read(source, hints, maxRecords, partial, Limits.NONE);
    }

    /**
     * Within {@code limits}: a record or a head beyond them after the header ends the sample there, with a
     * note; before the header is read it is an {@link UnreadableFile} ({@code RECORD_TOO_LONG},
     * {@code DECOMPRESSED_TOO_LARGE}).
     */
    public static CsvSample read(InputStream source, CsvHints hints, int maxRecords, boolean partial, Limits limits)
            throws IOException {
        try (CsvInput input = CsvInput.open(source, hints, limits.inflate(), limits.maxRecordChars(),
                limits.recordSetting())) {
            List<List<String>> records = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            boolean more = false;
            try {
                for (CsvInput.Row row = input.next(); row != null; row = input.next()) {
                    if (records.size() == maxRecords) {
                        more = true;
                        break;
                    }
                    records.add(row.fields());
                }
            } catch (UnreadableFile e) {
                if (!LIMITS.contains(e.code()) && !partial) {
                    throw e;
                }
                if (LIMITS.contains(e.code())) {
                    notes.add("the sample ends here: " + e.getMessage() + "; the import itself reads the whole file");
                }
                more = true;
            } catch (EncodingMismatch e) {
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
            return new CsvSample(input.format(), input.header(), input.headerWarnings(), List.copyOf(records), more,
                    List.copyOf(notes));
        }
    }
}
