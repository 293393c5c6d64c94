package com.bulkimport.local;

import com.bulkimport.local.embedded.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./bulk-import up} in a JVM of its own, as the script runs it: {@link LocalStackMain} with a data directory
 * and its thirteen ports from the BULKIMPORT_*_PORT variables, so that it never meets a developer's own stack on
 * 8080-8084. Its stdout and stderr are kept in files beside the data directory.
 */
final class UpProcess implements AutoCloseable {

    /** Every port of {@code up}, by the variable that overrides it. */
    static final List<String> PORT_VARIABLES = List.of("BULKIMPORT_POSTGRES_PORT", "BULKIMPORT_SQS_PORT",
            "BULKIMPORT_S3_PORT", "BULKIMPORT_EVENTS_PORT", "BULKIMPORT_API_PORT", "BULKIMPORT_MANAGEMENT_PORT",
            "BULKIMPORT_RELAY_PORT", "BULKIMPORT_RELAY_MANAGEMENT_PORT", "BULKIMPORT_WORKER_PORT",
            "BULKIMPORT_WORKER_MANAGEMENT_PORT", "BULKIMPORT_AUTH_PORT", "BULKIMPORT_SMTP_PORT", "BULKIMPORT_IMAP_PORT");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    final Map<String, Integer> ports;

    private UpProcess(Process process, Path stdout, Path stderr, Map<String, Integer> ports) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.ports = ports;
    }

    /** A free port per variable. */
    static Map<String, Integer> freePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String variable : PORT_VARIABLES) {
            int port;
            do {
                port = FreePorts.find();
            } while (ports.containsValue(port));
            ports.put(variable, port);
        }
        return ports;
    }

    static UpProcess start(Path dataDirectory, Map<String, Integer> ports) {
        try {
            Files.createDirectories(dataDirectory);
            String name = dataDirectory.getFileName() + "-" + System.nanoTime();
            Path stdout = dataDirectory.resolveSibling(name + ".out");
            Path stderr = dataDirectory.resolveSibling(name + ".err");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    LocalStackMain.class.getName(), "--data-dir", dataDirectory.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            // only what the test sets (the JVM would announce JAVA_TOOL_OPTIONS on stderr)
            builder.environment().keySet().removeIf(variable -> variable.startsWith("BULKIMPORT_")
                    || variable.equals("JAVA_TOOL_OPTIONS") || variable.equals("JDK_JAVA_OPTIONS"));
            ports.forEach((variable, port) -> builder.environment().put(variable, String.valueOf(port)));
            return new UpProcess(builder.start(), stdout, stderr, Map.copyOf(ports));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port(String variable) {
        return ports.get(variable);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** Both streams, for an assertion's description. */
    String output() {
        return "stdout:\n" + stdout() + "\nstderr:\n" + stderr();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Until stdout says "ready"; fails with the output if the launcher ends or takes longer than {@code timeout}. */
    UpProcess awaitReady(Duration timeout) throws InterruptedException {
        return awaitStdout("\nready in ", timeout);
    }

    UpProcess awaitStdout(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stdout().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("up ended with " + process.exitValue() + " before printing '" + text.strip()
                        + "'\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("up did not print '" + text.strip() + "' within " + timeout + "\n" + output());
            }
            Thread.sleep(100);
        }
        return this;
    }

    /** @return the exit code */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("up still runs after " + timeout + "\n" + output());
        }
        return process.exitValue();
    }

    /** Sends a signal by name ({@code HUP}, {@code INT}, {@code TERM}, {@code KILL}) as a terminal or kill would. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /**
     * Whether this JVM ignores a signal: a child inherits that (a shell's background job ignores SIGINT), and a
     * JVM leaves an ignored signal ignored, as {@code nohup} relies on.
     */
    static boolean ignoredHere(int signal) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << (signal - 1))) != 0;
            }
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
