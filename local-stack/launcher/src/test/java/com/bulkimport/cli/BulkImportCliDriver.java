package com.bulkimport.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the CLI in-process, capturing what it prints, as a terminal would see it. */
public final class BulkImportCliDriver {

    private BulkImportCliDriver() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public JsonNode json() {
            return JsonMapper.builder().build().readTree(stdout);
        }
    }

    /**
     * A command that runs until stopped ({@code listen}), on a thread of its own: what it has printed so far can
     * be read while it runs, and {@link Running#stop} interrupts it, as the command expects to be stopped in-process.
     */
    public static Running start(String... args) {
        return new Running(args);
    }

    public static final class Running {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        private final Thread thread;

        private Running(String[] args) {
            thread = new Thread(() -> exitCode.complete(BulkImportCli.run(List.of(args),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))),
                    "cli-" + args[0]);
            thread.start();
        }

        public String stdout() {
            return out.toString(StandardCharsets.UTF_8);
        }

        public String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }

        public boolean isRunning() {
            return thread.isAlive();
        }

        /** Interrupts the command and waits for it to finish (at most a minute). */
        public Result stop() throws Exception {
            thread.interrupt();
            return new Result(exitCode.get(1, TimeUnit.MINUTES), stdout(), stderr());
        }
    }

    /** As {@link #run(String...)}, upload parts going through {@code parts} (the tests wrap the HTTP transport). */
    public static Result run(PartTransport parts, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BulkImportCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), parts);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BulkImportCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
