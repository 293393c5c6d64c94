package com.bulkimport.model.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/** Text from a reader as a UTF-8 byte stream, so UTF-16 files can be cut into chunks like the rest. */
final class Utf8Transcoding extends InputStream {

    private final Reader reader;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private final ByteBuffer bytes = ByteBuffer.allocate(32768);
    private boolean eof;

    Utf8Transcoding(Reader reader) {
        this.reader = reader;
        this.chars.flip();
        this.bytes.flip();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int off, int len) throws IOException {
        while (!bytes.hasRemaining()) {
            if (eof && !chars.hasRemaining()) {
                return -1;
            }
            refill();
        }
        int n = Math.min(len, bytes.remaining());
        bytes.get(target, off, n);
        return n;
    }

    private void refill() throws IOException {
        if (!eof) {
            chars.compact();
            int read = reader.read(chars);
            chars.flip();
            if (read < 0) {
                eof = true;
            }
        }
        bytes.clear();
        CoderResult result = encoder.encode(chars, bytes, eof);
        if (result.isError()) {
            result.throwException();
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
