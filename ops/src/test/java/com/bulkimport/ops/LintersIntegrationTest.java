package com.bulkimport.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so the compose file and the Dockerfile are checked by linters: dclint
 * with all its rules, and dockerfile-utils (the Docker language server's validator).
 */
class LintersIntegrationTest {

    @Test
    void theComposeFilePassesDclintWithoutAWarning() throws Exception {
        NodeTool.Result result = NodeTool.run("dclint", "--max-warnings", "0", "docker-compose.yml");
        // dclint prints an empty line when it has nothing to say
        assertThat(result.output().strip()).isEqualTo("");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void dclintCatchesWhatItShould(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("docker-compose.yml");
        Files.writeString(broken, """
                services:
                  web:
                    build: .
                    image: web:latest
                    ports:
                      - 8080:8080
                """);
        NodeTool.Result result = NodeTool.run("dclint", "--no-color", broken.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("no-build-and-image", "require-quotes-in-ports");
    }

    @Test
    void theDockerfilePassesDockerfileUtils() throws Exception {
        NodeTool.Result result = NodeTool.run("dockerfile-utils", "lint", Dockerfiles.PATH);
        assertThat(result.output()).isEqualTo("");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void dockerfileUtilsCatchesABrokenHealthCheck(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("Dockerfile");
        Files.writeString(broken, "FROM eclipse-temurin:17-jre-noble\nUSER\nHEALTHCHECK --interval=soon CMD true\n");
        NodeTool.Result result = NodeTool.run("dockerfile-utils", "lint", broken.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("Error: Instruction has no arguments", "Error: time: invalid duration soon");
    }
}
