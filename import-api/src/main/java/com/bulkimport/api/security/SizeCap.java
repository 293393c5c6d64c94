package com.bulkimport.api.security;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Lets at most {@code limit} bytes through and refuses the rest with the caller's problem (a 413) the moment
 * the limit is passed, so a body or file whose size nobody declared (chunked) is stopped while it streams.
 */
public final class SizeCap extends FilterInputStream {

    private final long limit;
    private final Supplier<? extends RuntimeException> exceeded;
    private long read;

    public SizeCap(InputStream in, long limit, Supplier<? extends RuntimeException> exceeded) {
        super(in);
        this.limit = limit;
        this.exceeded = exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > limit) {
            throw exceeded.get();
        }
    }
}
