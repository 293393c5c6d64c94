package com.bulkimport.model.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the decompressed bytes of a file as they are read and refuses, mid-stream, the byte that
 * passes its {@link InflateLimits}: the file is never inflated further than the limit, whatever it holds.
 */
final class InflationGuard extends FilterInputStream {

    private final InflateLimits limits;
    private final Counting compressed;
    private long read;

    /**
     * @param compressed the gzip stream's compressed source, or null for a file that is not compressed
     * @param already    decompressed bytes read before this stream's first (a resume from a checkpoint)
     */
    InflationGuard(InputStream in, InflateLimits limits, Counting compressed, long already) {
        super(in);
        this.limits = limits;
        this.compressed = compressed;
        this.read = already;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // read, not skipped: a skip over gzip data inflates it all the same, and must count
        long skipped = 0;
        byte[] buffer = new byte[(int) Math.min(n, 64 * 1024)];
        while (skipped < n) {
            int got = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (got < 0) {
                break;
            }
            skipped += got;
        }
        return skipped;
    }

    private void count(int n) {
        read += n;
        if (read > limits.maxBytes()) {
            throw limits.tooLarge();
        }
        if (compressed != null && limits.maxRatio() > 0 && read > limits.ratioAfter()
                && read > limits.maxRatio() * Math.max(1, compressed.count())) {
            throw limits.ratioTooHigh(read, compressed.count());
        }
    }

    /** The compressed bytes the gzip stream has taken so far. */
    static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
