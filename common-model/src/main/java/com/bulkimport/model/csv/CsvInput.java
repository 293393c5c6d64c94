package com.bulkimport.model.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A CSV file as a stream of records, in constant memory: gzip is detected by its magic bytes and
 * inflated on the fly, the first megabyte is sniffed ({@link CsvSniffer}), the rest is parsed by
 * FastCSV. Row numbers count data records from 1 (the header is row 0), whatever the line breaks.
 */
public final class CsvInput implements Closeable {

    /** Enough to sniff reliably, small enough to keep per job. */
    public static final int SNIFF_BYTES = 1 << 20;
    /** The longest single field accepted (FastCSV's buffer), well above the 1 MB fields real exports carry. */
    public static final int MAX_FIELD_CHARS = 8 << 20;

    private final CsvFormat format;
    private final List<String> header;
    private final List<String> headerWarnings;
    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private long rowNumber;
    private final int maxRecordChars;
    private final String recordSetting;
    /** Records read past the header while looking for it, handed out first. */
    private final java.util.ArrayDeque<Row> ahead = new java.util.ArrayDeque<>();

    private CsvInput(CsvFormat format, CsvReader<CsvRecord> reader, int maxRecordChars, String recordSetting) {
        this.format = format;
        this.reader = reader;
        this.maxRecordChars = maxRecordChars;
        this.recordSetting = recordSetting;
        this.records = reader.iterator();
        List<String> raw = nextFields();
        if (raw != null && isSeparatorLine(raw, format.delimiter())) {
            raw = nextFields();
        }
        if (raw == null) {
            throw new UnreadableFile("EMPTY_FILE", "the file is empty");
        }
        // a title above the table takes a few records more to tell (TitleLines); those past the header come next
        List<Row> leading = new ArrayList<>();
        leading.add(new Row(0, lastLine, raw));
        int index;
        while ((index = TitleLines.headerIndex(fields(leading), false)) < 0) {
            List<String> more = nextFields();
            if (more == null) {
                index = TitleLines.headerIndex(fields(leading), true);
                break;
            }
            leading.add(new Row(0, lastLine, more));
        }
        this.headerWarnings = new ArrayList<>();
        if (index > 0) {
            int lastTitle = index - 1;
            while (TitleLines.filled(leading.get(lastTitle).fields()) == 0) {
                lastTitle--;
            }
            headerWarnings.add(TitleLines.warning("line", leading.get(0).line(), leading.get(lastTitle).line(),
                    leading.get(index).line(), TitleLines.firstFilled(raw)));
        }
        this.header = cleanHeader(leading.get(index).fields(), headerWarnings);
        this.ahead.addAll(leading.subList(index + 1, leading.size()));
    }

    private static List<List<String>> fields(List<Row> rows) {
        return rows.stream().map(Row::fields).toList();
    }

    public static CsvInput open(InputStream source, CsvHints hints) throws IOException {
        return open(source, hints, InflateLimits.NONE, MAX_FIELD_CHARS, null);
    }

    /**
     * @param limits         how far the file may inflate ({@link UnreadableFile} {@code DECOMPRESSED_TOO_LARGE} past it)
     * @param maxRecordChars the longest record read, header included: FastCSV never buffers more
     * @param recordSetting  the setting that raises {@code maxRecordChars}, named in the refusal
     *                       ({@code RECORD_TOO_LONG}); null for the plain "is a quote left open?" refusal
     */
    public static CsvInput open(InputStream source, CsvHints hints, InflateLimits limits, int maxRecordChars,
                                String recordSetting) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(source, 64 * 1024);
        boolean gzip = isGzip(buffered);
        InputStream plain;
        byte[] head = new byte[SNIFF_BYTES];
        int length;
        boolean complete;
        try {
            InflationGuard.Counting compressed = gzip ? new InflationGuard.Counting(buffered) : null;
            InputStream inflated = gzip ? new GZIPInputStream(compressed, 8 * 1024) : buffered;
            plain = new BufferedInputStream(new InflationGuard(inflated, limits, compressed, 0), SNIFF_BYTES + 1);
            plain.mark(SNIFF_BYTES + 1);
            length = plain.readNBytes(head, 0, SNIFF_BYTES);
            complete = plain.read() < 0;
            plain.reset();
        } catch (java.util.zip.ZipException e) {
            // the file's fault, as it is later in the file (and in ChunkedCsv): said once, not a server error
            throw new UnreadableFile("BAD_GZIP", "the gzip data is corrupt: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            if (gzip) {
                throw new UnreadableFile("BAD_GZIP", "the gzip data ends early (truncated upload?)", e);
            }
            throw e;
        }
        CsvFormat format = CsvSniffer.sniff(head, length, complete, gzip, hints);
        plain.skipNBytes(format.bomLength());
        Reader text = new InputStreamReader(plain, format.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        CsvReader<CsvRecord> reader = CsvReader.builder()
                .fieldSeparator(format.delimiter())
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowUnclosedQuote(false)
                .maxBufferSize(maxRecordChars)
                .ofCsvRecord(text);
        return new CsvInput(format, reader, maxRecordChars, recordSetting);
    }

    /**
     * Whether a file's first record is Excel's delimiter line ({@code sep=;}), which Excel writes and reads ahead of
     * the header to say which delimiter follows, and never shows as a row. It is no header: the next record is.
     * Parsed with any delimiter (the sniffer takes the line's, {@link CsvSniffer#separatorLine}), its fields joined
     * give the line back.
     */
    static boolean isSeparatorLine(List<String> fields, char delimiter) {
        String line = String.join(String.valueOf(delimiter), fields);
        return line.length() == 5 && line.regionMatches(true, 0, "sep=", 0, 4);
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    public CsvFormat format() {
        return format;
    }

    public List<String> header() {
        return header;
    }

    /** Empty or repeated header names, said in words. */
    public List<String> headerWarnings() {
        return headerWarnings;
    }

    /** The next data record, or null at the end of the file. */
    public Row next() {
        if (!ahead.isEmpty()) {
            Row read = ahead.poll();
            return new Row(++rowNumber, read.line(), read.fields());
        }
        List<String> fields = nextFields();
        if (fields == null) {
            return null;
        }
        rowNumber++;
        return new Row(rowNumber, lastLine, fields);
    }

    private long lastLine;

    private List<String> nextFields() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CsvRecord record = records.next();
            lastLine = record.getStartingLineNumber();
            return record.getFields();
        } catch (CsvParseException e) {
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                if (cause instanceof UnreadableFile limit) {
                    throw limit; // an inflation limit, passed while FastCSV was reading
                }
            }
            throw new UnreadableFile("MALFORMED_CSV", describe(e), e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                if (format.charset().equals(StandardCharsets.UTF_8)) {
                    throw new EncodingMismatch(lastLine + 1, e);
                }
                throw new UnreadableFile("BAD_ENCODING", "the file is not valid " + format.encodingName()
                        + " near line " + (lastLine + 1), e);
            }
            if (e.getCause() instanceof java.util.zip.ZipException) {
                throw new UnreadableFile("BAD_GZIP", "the gzip data is corrupt: " + e.getCause().getMessage(), e);
            }
            if (e.getCause() instanceof java.io.EOFException && format.gzip()) {
                throw new UnreadableFile("BAD_GZIP", "the gzip data ends early (truncated upload?)", e);
            }
            throw e;
        }
    }

    private String describe(CsvParseException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? e.getMessage() : root.getMessage();
        if (detail != null && detail.contains("buffer") && recordSetting != null) {
            String which = rowNumber == 0 && header == null ? "the header (line 1)"
                    : "record " + (rowNumber + 1) + " (near line " + (lastLine + 1) + ")";
            throw new UnreadableFile("RECORD_TOO_LONG", which + " is longer than "
                    + String.format(java.util.Locale.ROOT, "%,d", maxRecordChars) + " characters, the longest "
                    + "record a sample shows (setting " + recordSetting + ")", e);
        }
        if (detail != null && detail.contains("buffer")) {
            return "a field near line " + (lastLine + 1) + " is longer than " + (MAX_FIELD_CHARS >> 20)
                    + " MB characters; is a quote left open?";
        }
        return "the CSV is malformed near line " + (lastLine + 1) + ": " + detail;
    }

    public static List<String> cleanHeader(List<String> raw, List<String> warnings) {
        List<String> result = new ArrayList<>(raw.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String name = raw.get(i).strip();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
                warnings.add("column " + (i + 1) + " has no header name; called it " + name);
            }
            if (!seen.add(name)) {
                String renamed = name + "_" + (i + 1);
                warnings.add("header '" + name + "' appears more than once; column " + (i + 1) + " is called "
                        + renamed);
                name = renamed;
            }
            result.add(name);
        }
        return List.copyOf(result);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** One data record: its number among data records, the line it starts on, and its raw fields. */
    public record Row(long number, long line, List<String> fields) {
    }
}
