package com.bulkimport.bench;

import com.bulkimport.local.LocalStack;
import com.bulkimport.local.embedded.FreePorts;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.PostgresServer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throw-away stack for benchmarks: servers, API and relay in this JVM; the worker in a JVM of its
 * own with a fixed heap, so its memory can be read apart from everything else.
 */
final class BenchStack implements AutoCloseable {

    final LocalInfra infra;
    final LocalStack stack;
    private final String workerHeap;
    private final Map<String, String> workerSettings;
    Process worker;
    /** The running worker's GC log: what {@link HeapWatcher} reads its heap from. */
    Path workerGcLog;

    private BenchStack(LocalInfra infra, LocalStack stack, Process worker, Path workerGcLog, String workerHeap,
                       Map<String, String> workerSettings) {
        this.infra = infra;
        this.stack = stack;
        this.worker = worker;
        this.workerGcLog = workerGcLog;
        this.workerHeap = workerHeap;
        this.workerSettings = workerSettings;
    }

    /**
     * The worker stopped and started again with {@code changed} over its settings (e.g. the record history off),
     * for a run that compares two worker configurations on the same servers at the same moment.
     */
    void restartWorker(Map<String, String> changed) throws Exception {
        worker.destroy();
        worker.waitFor();
        Map<String, String> settings = new java.util.LinkedHashMap<>(workerSettings);
        settings.putAll(changed);
        int port = FreePorts.find();
        workerGcLog = Files.createTempFile("bench-worker-gc-", ".log");
        worker = startWorker(workerHeap, port, FreePorts.find(), workerGcLog, infra, settings);
        FreePorts.awaitListening(port, Duration.ofSeconds(180), worker);
    }

    static BenchStack start(String workerHeap, Map<String, String> extra) throws Exception {
        // measured as the tests run it: without waiting for the disk (the data is thrown away)
        Path data = Files.createTempDirectory("bench-");
        LocalInfra infra = LocalInfra.start(data, LocalInfra.Ports.ANY, PostgresServer.Durability.THROWAWAY);
        // however the run ends (a kill too), its servers stop and their data goes: a million-row run leaves gigabytes
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                infra.close();
            } catch (Exception e) {
                System.err.println("stopping the local servers: " + e);
            }
            org.springframework.util.FileSystemUtils.deleteRecursively(data.toFile());
        }, "bench-cleanup"));
        LocalStack stack = null;
        Process worker = null;
        try {
            stack = LocalStack.start(infra, LocalStack.Ports.ANY, extra, false);
            int port = FreePorts.find();
            Path gcLog = Files.createTempFile("bench-worker-gc-", ".log");
            worker = startWorker(workerHeap, port, FreePorts.find(), gcLog, infra, extra);
            // a Spring Boot JVM beside the stack on a busy two-core machine was seen to take two minutes
            FreePorts.awaitListening(port, Duration.ofSeconds(180), worker);
            return new BenchStack(infra, stack, worker, gcLog, workerHeap, extra);
        } catch (Exception | Error e) {
            // the services' non-daemon threads would keep this JVM, and the benchmark's script, waiting forever
            if (worker != null) {
                worker.destroyForcibly();
            }
            if (stack != null) {
                stack.close();
            }
            infra.close();
            throw e;
        }
    }

    /**
     * @param gcLog where the worker logs each collection's heap before and after ({@link HeapWatcher} reads it: polling
     *              the worker's Actuator five times a second took a fifth of its processor time from the import)
     */
    private static Process startWorker(String heap, int port, int managementPort, Path gcLog, LocalInfra infra,
                                       Map<String, String> extra)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap, "-XX:+UseSerialGC",
                "-Xlog:gc:file=" + gcLog + "::filecount=0"));
        String extraOptions = System.getenv("WORKER_JAVA_OPTS");
        if (extraOptions != null && !extraOptions.isBlank()) {
            command.addAll(List.of(extraOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-Dloader.main=com.bulkimport.worker.WorkerApplication", "-jar", ownJar(),
                "--spring.config.name=batch-worker", "--server.address=127.0.0.1", "--server.port=" + port,
                "--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--bulkimport.worker.wait-time=1s", "--logging.level.root=WARN",
                "--logging.level.com.bulkimport=INFO"));
        infra.springProperties().forEach((k, v) -> command.add("--" + k + "=" + v));
        extra.forEach((k, v) -> command.add("--" + k + "=" + v));
        Process worker = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("bench-worker-", ".log").toFile()).start();
        // the worker must not outlive the benchmark, however it ends
        Runtime.getRuntime().addShutdownHook(new Thread(worker::destroyForcibly));
        return worker;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The bench jar this code runs from (the worker's and the relay's classes are in it too). */
    static String ownJar() {
        String path = System.getProperty("bulkimport.jar");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("-Dbulkimport.jar must name the bench exec jar (bench/target/bench-exec.jar)");
        }
        return path;
    }

    @Override
    public void close() throws Exception {
        worker.destroy();
        worker.waitFor();
        stack.close();
        infra.close();
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
