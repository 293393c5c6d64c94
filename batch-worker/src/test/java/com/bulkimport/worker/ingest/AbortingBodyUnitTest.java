package com.bulkimport.worker.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body closed before its end aborts its download instead of letting the HTTP client read the rest; one read to
 * its end closes as usual, so that its connection is kept. (The body here is bytes in memory that count how far
 * they were read and whether they were closed; the download's abort is counted.)
 */
class AbortingBodyUnitTest {

    private static final byte[] FILE = new byte[10_000];

    private static final class Body extends ByteArrayInputStream {
        boolean closed;

        Body() {
            super(FILE);
        }

        int consumed() {
            return pos;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    @Test
    void aBodyClosedMidFileAbortsItsDownloadAndReadsNoFurther() throws IOException {
        Body body = new Body();
        AtomicInteger aborts = new AtomicInteger();
        try (InputStream in = new AbortingBody(body, aborts::incrementAndGet)) {
            assertThat(in.readNBytes(1_000)).hasSize(1_000);
            assertThat(in.read()).isZero();
        }
        assertThat(aborts).hasValue(1);
        assertThat(body.closed).isTrue();
        assertThat(body.consumed()).isEqualTo(1_001);
    }

    @Test
    void aBodyReadToItsEndClosesWithoutAnAbort() throws IOException {
        Body body = new Body();
        AtomicInteger aborts = new AtomicInteger();
        try (InputStream in = new AbortingBody(body, aborts::incrementAndGet)) {
            assertThat(in.readAllBytes()).hasSize(FILE.length);
        }
        assertThat(aborts).hasValue(0);
        assertThat(body.closed).isTrue();
    }

    @Test
    void theEndSeenByASingleByteReadCountsToo() throws IOException {
        Body body = new Body();
        AtomicInteger aborts = new AtomicInteger();
        try (InputStream in = new AbortingBody(body, aborts::incrementAndGet)) {
            in.skipNBytes(FILE.length);
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(aborts).hasValue(0);
    }

    @Test
    void anEmptyBodyNeverReadIsAbortedAndOneReadToItsEndIsNot() throws IOException {
        AtomicInteger aborts = new AtomicInteger();
        new AbortingBody(new ByteArrayInputStream(new byte[0]), aborts::incrementAndGet).close();
        assertThat(aborts).hasValue(1);
        try (InputStream in = new AbortingBody(new ByteArrayInputStream(new byte[0]), aborts::incrementAndGet)) {
            assertThat(in.read(new byte[8])).isEqualTo(-1);
        }
        assertThat(aborts).hasValue(1);
    }
}
