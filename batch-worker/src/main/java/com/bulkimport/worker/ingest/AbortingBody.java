package com.bulkimport.worker.ingest;

import software.amazon.awssdk.http.Abortable;
import software.amazon.awssdk.core.ResponseInputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An object's body that, closed before its end, aborts its download. The SDK's Apache client otherwise reads what
 * is left of the body on close, to keep the connection for another request: a read that stops mid-file (paused,
 * cancelled, reopened at its checkpoint after a long wait for its apply) would first download the rest of a file
 * of gigabytes, its claim not renewed meanwhile. A connection is cheaper to open again than that.
 */
final class AbortingBody extends FilterInputStream {

    private final Abortable download;
    private boolean ended;

    AbortingBody(ResponseInputStream<?> body) {
        this(body, body);
    }

    AbortingBody(InputStream body, Abortable download) {
        super(body);
        this.download = download;
    }

    @Override
    public int read() throws IOException {
        int read = super.read();
        ended |= read < 0;
        return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        ended |= read < 0;
        return read;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            download.abort();
        }
        super.close();
    }
}
