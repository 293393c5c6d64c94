package com.bulkimport.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A linter the build installed with npm (target/lint), run as a process. */
final class NodeTool {

    record Result(int exitCode, String output) {
    }

    private NodeTool() {
    }

    static Path bin(String name) {
        Path dir = Path.of(System.getProperty("bulkimport.lint.bin",
                Repository.file("ops/target/lint/node_modules/.bin").toString()));
        Path tool = dir.resolve(name);
        if (!Files.isExecutable(tool)) {
            throw new IllegalStateException(tool + " is missing: the ops build installs it (mvn -pl ops verify)");
        }
        return tool;
    }

    /** stdout and stderr together, without colour codes, so tests compare plain text. */
    static Result run(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(bin(name).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(Repository.ROOT.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), output.replaceAll("\u001B\\[[0-9;]*m", ""));
    }
}
