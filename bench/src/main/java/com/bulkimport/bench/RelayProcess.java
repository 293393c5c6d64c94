package com.bulkimport.bench;

import com.bulkimport.local.embedded.FreePorts;
import com.bulkimport.local.embedded.LocalInfra;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An outbox relay in a JVM of its own (as deployed), pointed at the benchmark's servers. */
final class RelayProcess implements AutoCloseable {

    private final Process process;

    private RelayProcess(Process process) {
        this.process = process;
    }

    static RelayProcess start(LocalInfra infra, Map<String, String> settings) throws Exception {
        int port = FreePorts.find();
        Map<String, String> all = new LinkedHashMap<>(infra.springProperties());
        all.put("spring.config.name", "outbox-relay");
        all.put("server.address", "127.0.0.1");
        all.put("server.port", Integer.toString(port));
        all.put("management.server.port", "0");
        all.put("spring.main.banner-mode", "off");
        all.put("logging.level.root", "WARN");
        all.putAll(settings);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + System.getenv().getOrDefault("RELAY_HEAP", "512m"),
                "-Dloader.main=com.bulkimport.relay.RelayApplication"));
        // RELAY_JAVA_OPTS: e.g. a flight recording, to see where the relay's time goes
        String extra = System.getenv().getOrDefault("RELAY_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", BenchStack.ownJar()));
        all.forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("bench-relay-", ".log").toFile()).start();
        // the relay must not outlive the benchmark, however it ends
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        FreePorts.awaitListening(port, Duration.ofSeconds(120), process);
        return new RelayProcess(process);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
