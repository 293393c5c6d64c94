package com.bulkimport.local;

import com.bulkimport.local.embedded.testkit.ListeningSockets;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.FileSystemUtils;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@code ./bulk-import up} as a process of its own ({@link UpProcess}), on data directories and ports of its own:
 * what it listens on, how its data is kept, and how it starts and stops beside other processes, another up and
 * the PostgreSQL an up killed with SIGKILL leaves behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpEndToEndTest {

    static final Duration START = Duration.ofMinutes(5);
    static final Duration QUICK = Duration.ofSeconds(90);
    static final String POSTGRES = "BULKIMPORT_POSTGRES_PORT";

    static Path root;
    static UpProcess up;
    static final List<UpProcess> launched = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("up-");
        up = launch(root.resolve("a"), UpProcess.freePorts()).awaitReady(START);
    }

    private static UpProcess launch(Path dataDirectory, Map<String, Integer> ports) {
        UpProcess process = UpProcess.start(dataDirectory, ports);
        launched.add(process);
        return process;
    }

    @AfterAll
    static void stop() throws Exception {
        for (UpProcess process : launched) {
            process.close();
        }
        // what a failed test may have left: the PostgreSQL of a killed up
        try (var dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                LeftoverPostgres.stopIfRunning(dir.resolve("postgres"));
            }
        }
        FileSystemUtils.deleteRecursively(root);
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
        try (Connection connection = connect(up.port(POSTGRES)); Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "full_page_writes", "synchronous_commit")) {
                try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void aSecondUpOnTheSameDataDirectorySaysSoInOneLine() throws Exception {
        UpProcess second = launch(root.resolve("a"), UpProcess.freePorts());

        assertThat(second.awaitExit(QUICK)).as(second.output()).isEqualTo(1);
        assertThat(second.stderr().lines()).containsExactly("bulk-import up is already running on " + root.resolve("a")
                + " (pid " + up.pid() + "): use that one, or stop it first (Ctrl-C in its terminal)");
        assertThat(second.stdout()).isEmpty();
        assertThat(up.isAlive()).isTrue();
    }

    /** Before, up started anyway and used another stack's PostgreSQL on its port as its own. */
    @Test
    void portsHeldByOthersAreNamedWithWhatHoldsThemAndNothingStarts() throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>(UpProcess.freePorts());
        ports.put(POSTGRES, up.port(POSTGRES));
        ports.put("BULKIMPORT_API_PORT", up.port("BULKIMPORT_API_PORT"));
        // a process that takes connections and never answers
        try (ServerSocket silent = new ServerSocket(ports.get("BULKIMPORT_SQS_PORT"), 50, InetAddress.getByName("127.0.0.1"))) {
            UpProcess other = launch(root.resolve("other"), ports);

            assertThat(other.awaitExit(QUICK)).as(other.output()).isEqualTo(1);
            assertThat(other.stderr()).startsWith("bulk-import up did not start anything: ports it needs are taken\n")
                    .contains("  " + up.port(POSTGRES) + " (PostgreSQL, BULKIMPORT_POSTGRES_PORT): a PostgreSQL server answers there")
                    .contains("  " + up.port("BULKIMPORT_API_PORT") + " (web UI and API, BULKIMPORT_API_PORT): an HTTP server answers there")
                    .contains("  " + silent.getLocalPort() + " (SQS (ElasticMQ), BULKIMPORT_SQS_PORT): in use by another process\n")
                    .hasLineCount(5);
            assertThat(other.stdout()).isEmpty();
        }
        assertThat(root.resolve("other").resolve("postgres")).doesNotExist();
        for (String variable : List.of("BULKIMPORT_MANAGEMENT_PORT", "BULKIMPORT_RELAY_PORT",
                "BULKIMPORT_RELAY_MANAGEMENT_PORT", "BULKIMPORT_WORKER_PORT", "BULKIMPORT_WORKER_MANAGEMENT_PORT",
                "BULKIMPORT_AUTH_PORT", "BULKIMPORT_S3_PORT", "BULKIMPORT_EVENTS_PORT")) {
            assertThat(ListeningSockets.addresses(ports.get(variable))).as(variable).isEmpty();
        }
    }

    /**
     * pg_ctl runs PostgreSQL as a daemon: an up killed with SIGKILL leaves it holding the data directory and the
     * port. The next up stops it and starts it again on the same data; SIGHUP (a closed terminal) then stops all.
     * The up killed is the one the other tests share (a whole stack started once less), so this test runs last.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void thePostgreSqlAKilledUpLeftIsStoppedAndStartedAgainAndSighupStopsEverything() throws Exception {
        assumeFalse(UpProcess.ignoredHere(1), "this JVM ignores SIGHUP (nohup), so would up started from it");
        Map<String, Integer> ports = up.ports;
        Path dataDirectory = root.resolve("a");
        Path cluster = dataDirectory.resolve("postgres");
        UpProcess killed = up;
        try (Connection connection = connect(ports.get(POSTGRES)); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('written before the kill')");
        }
        long leftover = postmasterPid(cluster);
        killed.signal("KILL");
        killed.awaitExit(QUICK);
        assertThat(ProcessHandle.of(leftover).filter(ProcessHandle::isAlive)).as("pg_ctl's daemon outlives up").isPresent();
        // S3Proxy, a child process, follows its parent within a second or two
        awaitNothingListens(ports, List.of(POSTGRES));

        // on ports of its own: the killed up's are free again, and a test class running beside this one may have
        // taken one of them since (seen: the relaunch's management port "already in use")
        Map<String, Integer> fresh = UpProcess.freePorts();
        UpProcess again = launch(dataDirectory, fresh).awaitReady(START);

        assertThat(again.stdout()).contains("stopping the PostgreSQL left running on " + cluster.toAbsolutePath()
                + " (pid " + leftover + ") by an earlier up, to start it again...");
        assertThat(ProcessHandle.of(leftover).filter(ProcessHandle::isAlive)).isEmpty();
        try (Connection connection = connect(fresh.get(POSTGRES)); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT note FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("written before the kill");
        }
        long postgres = postmasterPid(cluster);

        again.signal("HUP");

        assertThat(again.awaitExit(QUICK)).as(again.output()).isEqualTo(128 + 1);
        assertStopped(again, fresh, postgres, cluster);
    }

    /** The shutdown hook stops what has started so far; before, a signal in up's first minute left PostgreSQL running. */
    @ParameterizedTest
    @CsvSource({"TERM, 15", "INT, 2"})
    void aSignalWhileStartingStopsWhatHadStarted(String signal, int number) throws Exception {
        assumeFalse(UpProcess.ignoredHere(number), "this JVM ignores SIG" + signal + ", so would up started from it");
        Map<String, Integer> ports = UpProcess.freePorts();
        Path dataDirectory = root.resolve("signalled-" + signal);
        Path cluster = dataDirectory.resolve("postgres");
        UpProcess starting = launch(dataDirectory, ports);
        long postgres = awaitPostgres(starting, cluster, ports.get(POSTGRES));

        starting.signal(signal);

        assertThat(starting.awaitExit(START)).as(starting.output()).isEqualTo(128 + number);
        assertStopped(starting, ports, postgres, cluster);
    }

    private static void assertStopped(UpProcess process, Map<String, Integer> ports, long postgres, Path cluster) {
        assertThat(process.stdout()).as(process.output()).contains("\nstopping...\n").endsWith("\nstopped\n");
        assertThat(ProcessHandle.of(postgres).filter(ProcessHandle::isAlive)).as("PostgreSQL " + postgres).isEmpty();
        assertThat(cluster.resolve("postmaster.pid")).doesNotExist();
        ports.forEach((variable, port) -> assertThat(ListeningSockets.addresses(port)).as(variable).isEmpty());
    }

    /** @return the postmaster's pid once it listens */
    private static long awaitPostgres(UpProcess process, Path cluster, int port) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (!(Files.exists(cluster.resolve("postmaster.pid")) && !ListeningSockets.addresses(port).isEmpty())) {
            assertThat(process.isAlive()).as(process.output()).isTrue();
            assertThat(System.nanoTime()).as("PostgreSQL listening within " + START).isLessThan(deadline);
            Thread.sleep(50);
        }
        return postmasterPid(cluster);
    }

    private static void awaitNothingListens(Map<String, Integer> ports, List<String> except) throws InterruptedException {
        long deadline = System.nanoTime() + QUICK.toNanos();
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            while (!except.contains(port.getKey()) && !ListeningSockets.addresses(port.getValue()).isEmpty()) {
                assertThat(System.nanoTime()).as(port.getKey() + " free within " + QUICK).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static long postmasterPid(Path cluster) throws Exception {
        return Long.parseLong(Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).strip());
    }

    private static Connection connect(int port) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres");
    }
}
