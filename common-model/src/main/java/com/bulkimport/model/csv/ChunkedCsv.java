package com.bulkimport.model.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A CSV file read in chunks of whole records, each with the byte offset and line where the next
 * chunk starts: what an ingest commits as its checkpoint and resumes from after a crash. Offsets
 * count bytes of the stored file for a plain one (its BOM included), which resumes with a ranged read
 * from the offset; of the decompressed file after its BOM (of its UTF-8 transcoding, for UTF-16) for a
 * gzip or UTF-16 one, which resumes by skipping to it. {@link #fileBytesRead()} counts the stored
 * file's bytes as they are read (the compressed ones, for gzip): what progress is measured in.
 */
public final class ChunkedCsv implements RowSource {

    /** About this much text is committed at a time. */
    public static final int CHUNK_BYTES = 4 << 20;

    private final InputStream source;
    private final CsvFormat format;
    private final List<String> header;
    private final List<String> headerWarnings;
    private final RecordChunker chunker;
    private final Charset parseCharset;
    private final FileBytes fileBytes;
    private long nextRow;
    private Chunk pending;

    private ChunkedCsv(InputStream source, CsvFormat format, List<String> header, List<String> headerWarnings,
                       RecordChunker chunker, Charset parseCharset, long nextRow, FileBytes fileBytes) {
        this.source = source;
        this.fileBytes = fileBytes;
        this.format = format;
        this.header = header;
        this.headerWarnings = headerWarnings;
        this.chunker = chunker;
        this.parseCharset = parseCharset;
        this.nextRow = nextRow;
    }

    /** Where an earlier ingest of this file stopped: offset and line after its last committed record. */
    public record Checkpoint(long offset, long rowsRead, long line, CsvFormat format, List<String> header) {
    }

    /** One chunk's records, in order, with their absolute row and line numbers. */
    public static final class Chunk {
        private final List<CsvInput.Row> rows;
        private final long endOffset;
        private final long endLine;

        /**
         * @param endOffset where the next chunk starts: a byte offset for a CSV, the last sheet row read for a
         *                  workbook
         */
        public Chunk(List<CsvInput.Row> rows, long endOffset, long endLine) {
            this.rows = rows;
            this.endOffset = endOffset;
            this.endLine = endLine;
        }

        public List<CsvInput.Row> rows() {
            return rows;
        }

        /** The byte offset right after this chunk's last record. */
        public long endOffset() {
            return endOffset;
        }

        /** The line the next record starts on. */
        public long endLine() {
            return endLine;
        }

        public long lastRow() {
            return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).number();
        }
    }

    /** Reads a file from its start: sniffs its format and reads its header. */
    public static ChunkedCsv open(InputStream raw, CsvHints hints, int chunkBytes) throws IOException {
        return open(raw, hints, chunkBytes, InflateLimits.NONE);
    }

    /**
     * @param limits how far the file may inflate: passing them fails the read with {@link UnreadableFile}
     *               ({@code DECOMPRESSED_TOO_LARGE}, {@code COMPRESSION_RATIO_TOO_HIGH}) at that byte
     */
    public static ChunkedCsv open(InputStream raw, CsvHints hints, int chunkBytes, InflateLimits limits)
            throws IOException {
        try {
            return openChecked(raw, hints, chunkBytes, limits);
        } catch (IOException e) {
            throw unreadable(e, null);
        }
    }

    private static ChunkedCsv openChecked(InputStream stored, CsvHints hints, int chunkBytes, InflateLimits limits)
            throws IOException {
        FileBytes fileBytes = new FileBytes(new InflationGuard.Counting(stored), 0);
        Decompressed decompressed = decompressed(fileBytes.counted(), limits);
        InputStream plain = decompressed.stream();
        plain.mark(CsvInput.SNIFF_BYTES + 1);
        byte[] head = new byte[CsvInput.SNIFF_BYTES];
        int length = plain.readNBytes(head, 0, CsvInput.SNIFF_BYTES);
        boolean complete = plain.read() < 0;
        plain.reset();
        CsvFormat format = CsvSniffer.sniff(head, length, complete, decompressed.gzip(), hints);
        plain.skipNBytes(format.bomLength());
        Prepared prepared = prepare(plain, format);
        // a file resumed by a ranged read counts offsets from its first byte, the BOM's included: the range
        // starts there; one resumed by skipping counts them in the stream it skips through, after the BOM
        long firstOffset = resumesByRange(format) ? format.bomLength() : 0;
        RecordChunker chunker = new RecordChunker(prepared.stream(), format.delimiter(), firstOffset, 1, chunkBytes,
                CsvInput.MAX_FIELD_CHARS);
        ChunkedCsv csv = new ChunkedCsv(plain, format, null, null, chunker, prepared.charset(), 0, fileBytes);
        return csv.readHeader();
    }

    /**
     * Continues a file after a checkpoint.
     *
     * @param fromCheckpoint whether {@code raw} already starts at the checkpoint's offset (a ranged read of a
     *                       plain file); otherwise it starts at the beginning and is read up to it
     */
    public static ChunkedCsv resume(InputStream raw, Checkpoint checkpoint, boolean fromCheckpoint, int chunkBytes)
            throws IOException {
        return resume(raw, checkpoint, fromCheckpoint, chunkBytes, InflateLimits.NONE);
    }

    /** As {@link #resume(InputStream, Checkpoint, boolean, int)}, within {@code limits} counted from the file's start. */
    public static ChunkedCsv resume(InputStream raw, Checkpoint checkpoint, boolean fromCheckpoint, int chunkBytes,
                                    InflateLimits limits) throws IOException {
        try {
            return resumeChecked(raw, checkpoint, fromCheckpoint, chunkBytes, limits);
        } catch (IOException e) {
            throw unreadable(e, checkpoint.format());
        }
    }

    private static ChunkedCsv resumeChecked(InputStream stored, Checkpoint checkpoint, boolean fromCheckpoint,
                                            int chunkBytes, InflateLimits limits) throws IOException {
        CsvFormat format = checkpoint.format();
        FileBytes fileBytes = new FileBytes(new InflationGuard.Counting(stored), fromCheckpoint ? checkpoint.offset() : 0);
        InputStream raw = fileBytes.counted();
        InputStream stream;
        InputStream owner;
        Charset parseCharset;
        if (fromCheckpoint) {
            owner = new BufferedInputStream(new InflationGuard(raw, limits, null, checkpoint.offset()), 64 * 1024);
            stream = owner;
            parseCharset = format.charset();
        } else {
            InputStream plain = decompressed(raw, limits).stream();
            plain.skipNBytes(format.bomLength());
            Prepared prepared = prepare(plain, format);
            prepared.stream().skipNBytes(checkpoint.offset());
            owner = plain;
            stream = prepared.stream();
            parseCharset = prepared.charset();
        }
        RecordChunker chunker = new RecordChunker(stream, format.delimiter(), checkpoint.offset(), checkpoint.line(),
                chunkBytes, CsvInput.MAX_FIELD_CHARS);
        return new ChunkedCsv(owner, format, checkpoint.header(), List.of(), chunker, parseCharset,
                checkpoint.rowsRead(), fileBytes);
    }

    /** Whether a file in this format can be resumed with a ranged read from its checkpoint. */
    public static boolean resumesByRange(CsvFormat format) {
        return !format.gzip() && !isUtf16(format.charset());
    }

    private record Prepared(InputStream stream, Charset charset) {
    }

    private static Prepared prepare(InputStream plain, CsvFormat format) {
        if (isUtf16(format.charset())) {
            InputStreamReader reader = new InputStreamReader(plain, format.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            return new Prepared(new BufferedInputStream(new Utf8Transcoding(reader), 64 * 1024), StandardCharsets.UTF_8);
        }
        return new Prepared(plain, format.charset());
    }

    private static boolean isUtf16(Charset charset) {
        return charset.name().startsWith("UTF-16");
    }

    private record Decompressed(InputStream stream, boolean gzip) {
    }

    /** gzip is recognized by its magic bytes, whatever the file is called. */
    private static Decompressed decompressed(InputStream raw, InflateLimits limits) throws IOException {
        BufferedInputStream buffered = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 64 * 1024);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        boolean gzip = first == 0x1f && second == 0x8b;
        InputStream plain;
        if (gzip) {
            InflationGuard.Counting compressed = new InflationGuard.Counting(buffered);
            plain = new InflationGuard(new GZIPInputStream(compressed, 8 * 1024), limits, compressed, 0);
        } else {
            plain = new InflationGuard(buffered, limits, null, 0);
        }
        return new Decompressed(new BufferedInputStream(plain, CsvInput.SNIFF_BYTES + 1), gzip);
    }

    private ChunkedCsv readHeader() throws IOException {
        // blank lines ahead of the header may fill whole chunks (or end one at the file's last line), and a title
        // above it takes a few records more to tell (TitleLines): read chunks until the header is known
        List<Parsed> leading = new ArrayList<>();
        RecordChunker.Chunk last = null;
        boolean firstRecordSeen = false;
        int header;
        while (true) {
            RecordChunker.Chunk bytes = nextBytes();
            if (bytes == null) {
                if (leading.isEmpty()) {
                    throw new UnreadableFile("EMPTY_FILE", "the file is empty");
                }
                header = TitleLines.headerIndex(fields(leading), true);
                break;
            }
            last = bytes;
            List<Parsed> records = parse(bytes);
            if (!firstRecordSeen && !records.isEmpty()) {
                firstRecordSeen = true;
                if (CsvInput.isSeparatorLine(records.get(0).fields(), format.delimiter())) {
                    records = records.subList(1, records.size());
                }
            }
            leading.addAll(records);
            if (!leading.isEmpty() && (header = TitleLines.headerIndex(fields(leading), false)) >= 0) {
                break;
            }
        }
        List<String> warnings = new ArrayList<>();
        if (header > 0) {
            warnings.add(TitleLines.warning("line", leading.get(0).line(), lastFilledBefore(leading, header),
                    leading.get(header).line(), TitleLines.firstFilled(leading.get(0).fields())));
        }
        List<String> cleaned = CsvInput.cleanHeader(leading.get(header).fields(), warnings);
        ChunkedCsv withHeader = new ChunkedCsv(source, format, cleaned, List.copyOf(warnings), chunker, parseCharset, 0,
                fileBytes);
        List<CsvInput.Row> rows = new ArrayList<>(leading.size() - header - 1);
        for (int i = header + 1; i < leading.size(); i++) {
            rows.add(new CsvInput.Row(++withHeader.nextRow, leading.get(i).line(), leading.get(i).fields()));
        }
        withHeader.pending = new Chunk(rows, last.endOffset(), last.endLine());
        return withHeader;
    }

    private static List<List<String>> fields(List<Parsed> records) {
        return records.stream().map(Parsed::fields).toList();
    }

    private static long lastFilledBefore(List<Parsed> records, int header) {
        int i = header - 1;
        while (TitleLines.filled(records.get(i).fields()) == 0) {
            i--;
        }
        return records.get(i).line();
    }

    @Override
    public String fileFormat() {
        return "csv";
    }

    @Override
    public CsvFormat format() {
        return format;
    }

    /**
     * The stored file's bytes read so far, counted from its first (a ranged resume starts at its offset):
     * the compressed ones for gzip. A little ahead of the records handed out (the read buffers); the file's
     * size once its end was read.
     */
    @Override
    public long fileBytesRead() {
        return fileBytes.base() + fileBytes.counted().count();
    }

    /** The stored file's bytes as they are read, and where the read started in it. */
    private record FileBytes(InflationGuard.Counting counted, long base) {
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public List<String> headerWarnings() {
        return headerWarnings;
    }

    /** @return the next chunk of records, or null at the end of the file */
    @Override
    public Chunk next() throws IOException {
        if (pending != null) {
            Chunk chunk = pending;
            pending = null;
            return chunk;
        }
        RecordChunker.Chunk bytes = nextBytes();
        if (bytes == null) {
            return null;
        }
        List<Parsed> records = parse(bytes);
        List<CsvInput.Row> rows = new ArrayList<>(records.size());
        for (Parsed record : records) {
            rows.add(new CsvInput.Row(++nextRow, record.line(), record.fields()));
        }
        return new Chunk(rows, bytes.endOffset(), bytes.endLine());
    }

    private record Parsed(List<String> fields, long line) {
    }

    private RecordChunker.Chunk nextBytes() throws IOException {
        try {
            return chunker.next();
        } catch (IOException e) {
            throw unreadable(e, format);
        }
    }

    /**
     * A corrupt or truncated gzip stream, or bytes that are not the file's encoding (UTF-16 is decoded
     * while the records are cut), is the file's fault: it fails the job once with the reason, where any
     * other read error (the storage's connection) is worth a retry and is thrown as it is.
     */
    private static IOException unreadable(IOException e, CsvFormat format) {
        if (e instanceof java.util.zip.ZipException) {
            throw new UnreadableFile("BAD_GZIP", "the gzip data is corrupt: " + e.getMessage(), e);
        }
        if (e instanceof java.io.EOFException && (format == null || format.gzip())) {
            throw new UnreadableFile("BAD_GZIP", "the gzip data ends early (truncated upload?)", e);
        }
        if (e instanceof CharacterCodingException) {
            throw new UnreadableFile("BAD_ENCODING", "the file is not valid "
                    + (format == null ? "text in its encoding" : format.encodingName()) + ": " + e.getMessage(), e);
        }
        return e;
    }

    /** The chunk's records (empty lines skipped), each with its starting line number. */
    private List<Parsed> parse(RecordChunker.Chunk chunk) {
        List<Parsed> records = new ArrayList<>();
        InputStreamReader text = new InputStreamReader(new ByteArrayInputStream(chunk.bytes(), 0, chunk.length()),
                parseCharset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(format.delimiter()).skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true).allowUnclosedQuote(false)
                .maxBufferSize(CsvInput.MAX_FIELD_CHARS).ofCsvRecord(text)) {
            for (CsvRecord record : reader) {
                records.add(new Parsed(record.getFields(), chunk.startLine() + record.getStartingLineNumber() - 1));
            }
        } catch (CsvParseException e) {
            throw new UnreadableFile("MALFORMED_CSV", "the CSV is malformed near line " + chunk.startLine() + ": "
                    + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                if (parseCharset.equals(StandardCharsets.UTF_8) && !isUtf16(format.charset())) {
                    throw new EncodingMismatch(chunk.startLine(), e);
                }
                throw new UnreadableFile("BAD_ENCODING", "the file is not valid " + format.encodingName()
                        + " near line " + chunk.startLine(), e);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
