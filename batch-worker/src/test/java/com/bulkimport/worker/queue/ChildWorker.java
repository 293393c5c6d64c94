package com.bulkimport.worker.queue;

import com.bulkimport.local.embedded.FreePorts;
import com.bulkimport.local.embedded.LocalInfra;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A batch worker in a JVM of its own, so a test can kill it like an operating system would (SIGKILL). */
final class ChildWorker {

    private static final Path ARCHIVE = ChildClasspath.DIRECTORY.resolve("worker.jsa");
    private static volatile boolean archived;

    private final Process process;

    private ChildWorker(Process process) {
        this.process = process;
    }

    /** A worker that consumes as soon as it is up. */
    static ChildWorker start(LocalInfra infra, Map<String, String> settings, File log) throws IOException,
            InterruptedException {
        ChildWorker worker = standBy(infra, settings, log);
        worker.activate();
        return worker;
    }

    /** A worker that is up (its port listening) but consumes nothing until {@link #activate}. */
    static ChildWorker standBy(LocalInfra infra, Map<String, String> settings, File log) throws IOException,
            InterruptedException {
        return standBy(infra, settings, log, archived && Files.exists(ARCHIVE) ? "-XX:SharedArchiveFile=" + ARCHIVE
                : "-Xshare:auto");
    }

    /**
     * Starts one worker and ends it normally, for the JVM to write the classes it loaded into a shared
     * archive that every later child maps instead of loading them again (seconds of each start).
     * {@code -Dchild.cds=false} leaves it out.
     */
    static synchronized void shareClasses(LocalInfra infra, Map<String, String> settings, File log)
            throws IOException, InterruptedException {
        if (archived || !Boolean.parseBoolean(System.getProperty("child.cds", "true"))) {
            return;
        }
        Files.deleteIfExists(ARCHIVE);
        ChildWorker trainee = standBy(infra, settings, log, "-XX:ArchiveClassesAtExit=" + ARCHIVE);
        trainee.command("exit");
        if (!trainee.process.waitFor(2, TimeUnit.MINUTES)) {
            trainee.kill();
        }
        archived = true;
    }

    private static ChildWorker standBy(LocalInfra infra, Map<String, String> settings, File log, String sharing)
            throws IOException, InterruptedException {
        int port = FreePorts.find();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", sharing, "-cp", ChildClasspath.get(),
                StandbyWorkerMain.class.getName(), "--spring.config.name=batch-worker", "--server.port=" + port,
                "--management.server.port=0",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        infra.springProperties().forEach((k, v) -> command.add("--" + k + "=" + v));
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        command.add("--bulkimport.worker.enabled=false");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        FreePorts.awaitListening(port, Duration.ofSeconds(120), process);
        return new ChildWorker(process);
    }

    /** Starts consuming the work and dead-letter queues. */
    void activate() throws IOException {
        command("go");
    }

    private void command(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** SIGKILL: no shutdown hook, no rollback but the database's own, no message deleted. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() {
        return process.isAlive();
    }
}
