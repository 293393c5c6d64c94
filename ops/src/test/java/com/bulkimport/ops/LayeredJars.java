package com.bulkimport.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A service's executable jar, and the Dockerfile's first stage: Boot's jar tools extracting it into layers. */
final class LayeredJars {

    private LayeredJars() {
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static Path executableJar(String service) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Repository.file(Dockerfiles.folder(service) + "/target"),
                "*-exec.jar")) {
            found.forEach(jars::add);
        }
        assertThat(jars).as(service + ": exactly one jar for the Dockerfile's COPY " + Dockerfiles.folder(service)
                + "/target/*-exec.jar").hasSize(1);
        return jars.get(0);
    }

    /** {@code RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted}, in {@code work}. */
    static Path extract(String service, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Files.copy(executableJar(service), work.resolve("application.jar"));
        Process extract = new ProcessBuilder(java().toString(),
                "-Djarmode=tools", "-jar", "application.jar", "extract", "--layers", "--destination", "extracted")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(extract.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(extract.exitValue()).as(service + ": " + output).isZero();
        return work.resolve("extracted");
    }
}
