package com.bulkimport.worker.ingest;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Downloads the worker stops mid-file (a pause, a cancel, a reopen after a long wait) are aborted (AbortingBody)
 * through the real S3 client against the local object store: nothing fails on the close, and the client's
 * connections go on serving whole files and ranges after more aborted ones than its pool holds (50, the SDK's
 * default: an aborted download that kept its connection would leave none for the next after that many, and its
 * wait for one would fail the test).
 */
class AbortedDownloadIntegrationTest extends WorkerIntegrationTest {

    private static final int SIZE = 8 * 1024 * 1024;

    @Autowired
    ObjectSource objects;

    @Test
    void downloadsClosedMidFileLeaveTheClientServingWholeFilesAndRanges() throws IOException {
        byte[] file = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            file[i] = (byte) (i * 31 + (i >> 13));
        }
        String key = "aborted-download/" + java.util.UUID.randomUUID() + ".csv";
        s3.putObject(b -> b.bucket(LocalInfra.BUCKET).key(key), RequestBody.fromBytes(file));

        for (int i = 0; i < 60; i++) {
            try (InputStream in = i % 2 == 0 ? objects.open(key) : objects.openFrom(key, 1_000_000)) {
                byte[] start = in.readNBytes(4_096);
                int from = i % 2 == 0 ? 0 : 1_000_000;
                assertThat(start).isEqualTo(Arrays.copyOfRange(file, from, from + 4_096));
            }
        }

        try (InputStream whole = objects.open(key)) {
            assertThat(whole.readAllBytes()).isEqualTo(file);
        }
        try (InputStream rest = objects.openFrom(key, SIZE - 10)) {
            assertThat(rest.readAllBytes()).isEqualTo(Arrays.copyOfRange(file, SIZE - 10, SIZE));
        }
    }
}
