package com.bulkimport.local;

import com.bulkimport.local.embedded.testkit.ListeningSockets;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ./bulk-import up} as a process of its own ({@link UpProcess}), on a data directory and ports of its own:
 * what it listens on.
 */
class UpEndToEndTest {

    static final Duration START = Duration.ofMinutes(5);

    static Path root;
    static UpProcess up;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("up-");
        up = UpProcess.start(root.resolve("data"), UpProcess.freePorts()).awaitReady(START);
    }

    @AfterAll
    static void stop() throws Exception {
        if (up != null) {
            up.close();
        }
    }

    /** Its sign-in server gives an admin token to anyone with the CLI's public secret: nothing may be reachable from elsewhere. */
    @Test
    void everyListenerIsOnLoopbackOnly() {
        SoftAssertions softly = new SoftAssertions();
        up.ports.forEach((variable, port) -> {
            softly.assertThat(ListeningSockets.addresses(port)).as(variable + " " + port).isNotEmpty();
            ListeningSockets.addresses(port).forEach(address ->
                    softly.assertThat(address.isLoopbackAddress()).as(variable + " on " + address).isTrue());
        });
        softly.assertAll();
    }
}
