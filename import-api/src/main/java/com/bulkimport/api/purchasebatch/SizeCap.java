package com.bulkimport.api.purchasebatch;

import org.springframework.util.unit.DataSize;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Lets at most {@code limit} bytes through and refuses the rest with a 413 the moment the limit is
 * passed, so a file whose size nobody declared (a chunked body) is stopped while it streams.
 */
final class SizeCap extends FilterInputStream {

    private final DataSize limit;
    private long read;

    SizeCap(InputStream in, DataSize limit) {
        super(in);
        this.limit = limit;
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
        if (read > limit.toBytes()) {
            throw new UploadTooLarge("the file has more than " + limit.toBytes() + " bytes", limit);
        }
    }
}
