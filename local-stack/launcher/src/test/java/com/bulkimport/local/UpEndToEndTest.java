package com.bulkimport.local;

import com.bulkimport.local.embedded.testkit.ListeningSockets;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./bulk-import up} as a process of its own ({@link UpProcess}), on a data directory and ports of its own:
 * what it listens on and how its data is kept.
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

    /** A developer's imports outlive a crash of the machine; only the tests' and benchmarks' servers skip the disk. */
    @Test
    void itsPostgreSqlWaitsForTheDisk() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + up.port("BULKIMPORT_POSTGRES_PORT") + "/postgres", "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "full_page_writes", "synchronous_commit")) {
                try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }
}
