package com.bulkimport.model.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a CSV byte stream into chunks that end exactly at record boundaries, so that a chunk's end
 * is a byte offset an ingest can commit as its checkpoint and resume from. Works on encodings where
 * quote, delimiter, CR and LF are single bytes never found inside another character (UTF-8, the
 * ISO-8859 and windows-125x families); UTF-16 input is transcoded to UTF-8 before it gets here.
 * The quoting rules are RFC 4180's, as FastCSV reads them: a quote opens a quoted field only at the
 * start of a field; elsewhere it is a plain character.
 */
public final class RecordChunker {

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final InputStream in;
    private final byte delimiter;
    private final int targetBytes;
    private final int maxBytes;
    private byte[] buffer;
    private int length;
    private long offset;
    private long line;
    private boolean eof;

    /** Scanner state at position {@code scanned} of the buffer. */
    private int scanned;
    private State state = State.FIELD_START;
    private boolean pendingCr;
    private int lastBoundary;
    private long linesToScanned;
    private long linesToBoundary;

    /**
     * @param startOffset byte offset of the stream's first byte in the whole file
     * @param startLine   line number (1-based) the stream's first byte is on
     * @param targetBytes a chunk is cut at the first record boundary past this size
     * @param maxBytes    a single record longer than this is refused (an unterminated quote, usually)
     */
    public RecordChunker(InputStream in, char delimiter, long startOffset, long startLine, int targetBytes,
                         int maxBytes) {
        this.in = in;
        this.delimiter = (byte) delimiter;
        this.targetBytes = targetBytes;
        this.maxBytes = maxBytes;
        this.buffer = new byte[Math.min(maxBytes, targetBytes + (targetBytes >> 2) + 8192)];
        this.offset = startOffset;
        this.line = startLine;
    }

    /** A run of whole records. {@code bytes[0..length)} is owned by the caller until the next call. */
    public record Chunk(byte[] bytes, int length, long startOffset, long startLine, long endOffset, long endLine) {
    }

    /** @return the next chunk, or null when the stream is exhausted */
    public Chunk next() throws IOException {
        while (true) {
            if (lastBoundary > 0 && (length >= targetBytes || eof)) {
                return cut(lastBoundary, linesToBoundary);
            }
            if (eof) {
                if (length == 0) {
                    return null;
                }
                if (state == State.QUOTED) {
                    throw new UnreadableFile("MALFORMED_CSV", "a quoted field starting near line " + line
                            + " is never closed (an unterminated quote)");
                }
                // the last record has no line break after it
                return cut(length, linesToScanned);
            }
            fill();
            scan();
            if (lastBoundary == 0 && length >= maxBytes) {
                throw new UnreadableFile("MALFORMED_CSV", "a record starting near line " + line + " is longer than "
                        + (maxBytes >> 20) + " MB; is a quote left open?");
            }
        }
    }

    private void fill() throws IOException {
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxBytes + 1, buffer.length * 2));
        }
        int read = in.read(buffer, length, buffer.length - length);
        if (read < 0) {
            eof = true;
            if (pendingCr) {
                // a CR at the very end of the input ends the record
                markBoundary(length);
                pendingCr = false;
            }
        } else {
            length += read;
        }
    }

    private void scan() {
        for (int i = scanned; i < length; i++) {
            byte b = buffer[i];
            if (pendingCr) {
                pendingCr = false;
                if (b == '\n') {
                    markBoundary(i + 1);
                    continue;
                }
                markBoundary(i);
            }
            switch (state) {
                case FIELD_START -> {
                    if (b == '"') {
                        state = State.QUOTED;
                    } else {
                        endOfPlain(b, i);
                    }
                }
                case UNQUOTED -> endOfPlain(b, i);
                case QUOTED -> {
                    if (b == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else if (b == '\n' || b == '\r') {
                        countLineBreak(b, i);
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (b == '"') {
                        state = State.QUOTED;
                    } else {
                        endOfPlain(b, i);
                    }
                }
            }
        }
        scanned = length;
    }

    /** Outside quotes: a delimiter starts a field, a line break ends the record. */
    private void endOfPlain(byte b, int i) {
        if (b == delimiter) {
            state = State.FIELD_START;
        } else if (b == '\n') {
            linesToScanned++;
            markBoundary(i + 1);
        } else if (b == '\r') {
            linesToScanned++;
            pendingCr = true;
        } else {
            state = State.UNQUOTED;
        }
    }

    /** Line breaks inside quoted fields still count as lines (CRLF as one). */
    private void countLineBreak(byte b, int i) {
        if (b == '\n' && i > 0 && buffer[i - 1] == '\r') {
            return;
        }
        linesToScanned++;
    }

    private void markBoundary(int position) {
        lastBoundary = position;
        linesToBoundary = linesToScanned;
        state = State.FIELD_START;
    }

    private Chunk cut(int end, long lines) {
        byte[] out = Arrays.copyOf(buffer, end);
        Chunk chunk = new Chunk(out, end, offset, line, offset + end, line + lines);
        System.arraycopy(buffer, end, buffer, 0, length - end);
        length -= end;
        scanned -= end;
        offset += end;
        line += lines;
        linesToScanned -= lines;
        lastBoundary = 0;
        linesToBoundary = 0;
        return chunk;
    }
}
