package com.bulkimport.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Dockerfile's first stage does, done here: Boot's jar tools extract each service's
 * executable jar into layers, and the four folders the second stage copies are there, with the
 * launchable application.jar, whose Start-Class is the service's main (which picks its config file).
 */
class LayeredJarIntegrationTest {

    static final Map<String, String> START_CLASSES = Map.of(
            "import-api", "com.bulkimport.api.ImportApiApplication",
            "outbox-relay", "com.bulkimport.relay.RelayApplication",
            "batch-worker", "com.bulkimport.worker.WorkerApplication");

    private static Path executableJar(String service) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Repository.file(service + "/target"), "*-exec.jar")) {
            found.forEach(jars::add);
        }
        assertThat(jars).as(service + ": exactly one jar for the Dockerfile's COPY target/*-exec.jar").hasSize(1);
        return jars.get(0);
    }

    @Test
    void eachJarExtractsIntoTheLayersTheDockerfileCopies(@TempDir Path dir) throws Exception {
        for (String service : Dockerfiles.SERVICES) {
            Path work = Files.createDirectories(dir.resolve(service));
            Files.copy(executableJar(service), work.resolve("application.jar"));
            Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djarmode=tools", "-jar", "application.jar", "extract", "--layers", "--destination", "extracted")
                    .directory(work.toFile()).redirectErrorStream(true).start();
            String output = new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(extract.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(extract.exitValue()).as(service + ": " + output).isZero();

            Path extracted = work.resolve("extracted");
            try (var layers = Files.list(extracted)) {
                assertThat(new TreeSet<>(layers.map(p -> p.getFileName().toString()).toList())).as(service)
                        .containsExactly("application", "dependencies", "snapshot-dependencies", "spring-boot-loader");
            }
            Path app = extracted.resolve("application/application.jar");
            assertThat(app).as(service).isRegularFile();
            assertThat(extracted.resolve("dependencies/lib")).as(service).isDirectory();
            try (JarFile jar = new JarFile(app.toFile())) {
                assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).as(service)
                        .isEqualTo(START_CLASSES.get(service));
            }
        }
    }
}
