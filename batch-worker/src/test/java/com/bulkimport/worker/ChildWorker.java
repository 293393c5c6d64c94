package com.bulkimport.worker;

import com.bulkimport.local.embedded.FreePorts;
import com.bulkimport.local.embedded.LocalInfra;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A batch worker in a JVM of its own, so a test can kill it like an operating system would (SIGKILL). */
final class ChildWorker {

    private final Process process;

    private ChildWorker(Process process) {
        this.process = process;
    }

    static ChildWorker start(LocalInfra infra, Map<String, String> settings, File log) throws IOException,
            InterruptedException {
        int port = FreePorts.find();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                WorkerApplication.class.getName(), "--spring.config.name=batch-worker", "--server.port=" + port,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        infra.springProperties().forEach((k, v) -> command.add("--" + k + "=" + v));
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        FreePorts.awaitListening(port, Duration.ofSeconds(120), process);
        return new ChildWorker(process);
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
