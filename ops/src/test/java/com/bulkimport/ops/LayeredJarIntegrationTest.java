package com.bulkimport.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
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
            "batch-worker", "com.bulkimport.worker.WorkerApplication",
            "local-auth", "com.bulkimport.local.auth.LocalAuthMain");

    @Test
    void eachJarExtractsIntoTheLayersTheDockerfileCopies(@TempDir Path dir) throws Exception {
        for (String service : Dockerfiles.SERVICES) {
            Path extracted = LayeredJars.extract(service, dir.resolve(service));
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
