package com.bulkimport.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL left running on up's own data directory. pg_ctl starts the server as a daemon, so when up dies
 * without stopping it (SIGKILL, a JVM crash) it goes on holding the cluster and its port: the next up stops it
 * (a fast shutdown, which rolls back what was open and checkpoints) and then starts it as always.
 */
final class LeftoverPostgres {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private LeftoverPostgres() {
    }

    /** @param cluster the data directory's {@code postgres} folder */
    static void stopIfRunning(Path cluster) throws IOException, InterruptedException {
        Optional<ProcessHandle> server = running(cluster);
        if (server.isEmpty()) {
            return;
        }
        long pid = server.get().pid();
        System.out.println("stopping the PostgreSQL left running on " + cluster.toAbsolutePath() + " (pid " + pid
                + ") by an earlier up, to start it again...");
        // SIGINT is PostgreSQL's fast shutdown; Java's own destroy() sends SIGTERM, which waits for every client
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(pid)).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes()).strip();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("could not stop the PostgreSQL left running on " + cluster.toAbsolutePath()
                    + " (pid " + pid + "): " + output);
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (server.get().isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the PostgreSQL left running on " + cluster.toAbsolutePath() + " (pid "
                        + pid + ") did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** The server named by the cluster's postmaster.pid, if that process is alive and is a PostgreSQL. */
    static Optional<ProcessHandle> running(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (RuntimeException e) {
            return Optional.empty(); // written half by a server that died starting: nothing runs
        }
        // a pid reused since a reboot is some other program: never signal that
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(process -> process.info().command()
                .map(command -> Path.of(command).getFileName().toString().equals("postgres")).orElse(true));
    }
}
