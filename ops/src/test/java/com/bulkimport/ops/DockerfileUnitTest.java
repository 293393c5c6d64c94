package com.bulkimport.ops;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.bulkimport.ops.Dockerfiles.arguments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one Dockerfile, as each SERVICE argument builds it: the service's own layered jar, a non-root user, its
 * ports and a health check on its management port.
 */
class DockerfileUnitTest {

    /** Management port of each service: the health check's target (the sign-in server has one port, health is public there). */
    static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("import-api", 8081, "outbox-relay", 9082, "batch-worker", 9083,
            "local-auth", 8084);
    static final Map<String, String> EXPOSED = Map.of("import-api", "8080 8081", "outbox-relay", "8082 9082",
            "batch-worker", "8083 9083", "local-auth", "8084");

    @Test
    void everyImageComposeBuildsIsChecked() {
        assertThat(Dockerfiles.SERVICES).containsExactly("import-api", "outbox-relay", "batch-worker", "local-auth");
        assertThat(MANAGEMENT_PORTS.keySet()).containsExactlyInAnyOrderElementsOf(Dockerfiles.SERVICES);
        Dockerfiles.SERVICES.forEach(service -> assertThat(ComposeFile.map(service, "build"))
                .as(service).isEqualTo(Map.of("context", ".", "args", Map.of("SERVICE", service))));
    }

    @Test
    void everyServiceIsAStageOnTheSameRuntimeAndNothingElseIs() {
        for (String service : Dockerfiles.SERVICES) {
            assertThat(Dockerfiles.imageStages(service).stream().map(Dockerfiles.Stage::name).toList()).as(service)
                    .containsExactly("runtime", service, null);
            assertThat(Dockerfiles.baseImage(service)).as(service).isEqualTo("eclipse-temurin:17-jre-noble");
        }
        // a SERVICE the file does not know is no stage, so the build fails instead of building something else
        assertThat(Dockerfiles.imageStages("no-such-service")).hasSize(1);
        assertThatThrownBy(() -> Dockerfiles.stage("no-such-service-jar")).isInstanceOf(AssertionError.class);
    }

    @Test
    void theImageRunsAsAnUnprivilegedUser() {
        for (String service : Dockerfiles.SERVICES) {
            assertThat(arguments(Dockerfiles.image(service), "USER")).as(service).containsExactly("10001:10001");
            assertThat(arguments(Dockerfiles.image(service), "RUN").get(0)).as(service)
                    .contains("useradd --system --uid 10001 --gid bulkimport");
        }
    }

    @Test
    void theHealthCheckAsksTheManagementPortForLiveness() {
        MANAGEMENT_PORTS.forEach((service, port) -> {
            List<String> checks = arguments(Dockerfiles.image(service), "HEALTHCHECK");
            assertThat(checks).as(service).hasSize(1);
            // shell form: the container's shell expands the image's ENV when the check runs
            assertThat(Dockerfiles.substitute(checks.get(0), Dockerfiles.environment(service))).as(service)
                    .isEqualTo("--interval=15s --timeout=5s --start-period=60s --retries=3 CMD curl -fsS "
                            + "\"http://localhost:" + port + "/actuator/health/liveness\" || exit 1");
        });
    }

    @Test
    void theServicesOwnJarIsCopiedLayerByLayerSoDependenciesAreCachedApartFromTheCode() {
        assertThat(Dockerfiles.stage("jar").base()).isEqualTo("${SERVICE}-jar");
        for (String service : Dockerfiles.SERVICES) {
            Dockerfiles.Stage jar = Dockerfiles.stage(service + "-jar");
            assertThat(jar.base()).as(service).isEqualTo("scratch");
            assertThat(arguments(jar.instructions(), "COPY")).as(service)
                    .containsExactly(Dockerfiles.folder(service) + "/target/*-exec.jar /application.jar");
            assertThat(Dockerfiles.substitute(Dockerfiles.stage("jar").base(), Map.of("SERVICE", service)))
                    .isEqualTo(jar.name());
        }
        Dockerfiles.Stage layers = Dockerfiles.stage("layers");
        assertThat(layers.base()).isEqualTo("eclipse-temurin:17-jre-noble");
        assertThat(arguments(layers.instructions(), "COPY")).containsExactly("--from=jar /application.jar application.jar");
        assertThat(arguments(layers.instructions(), "RUN"))
                .containsExactly("java -Djarmode=tools -jar application.jar extract --layers --destination extracted");
        for (String service : Dockerfiles.SERVICES) {
            assertThat(arguments(Dockerfiles.image(service), "COPY")).as(service).containsExactly(
                    "--from=layers /build/extracted/dependencies/ ./",
                    "--from=layers /build/extracted/spring-boot-loader/ ./",
                    "--from=layers /build/extracted/snapshot-dependencies/ ./",
                    "--from=layers /build/extracted/application/ ./");
        }
    }

    @Test
    void theServiceStartsAsItsMainMethodDoesAndExposesItsPorts() {
        for (String service : Dockerfiles.SERVICES) {
            List<Dockerfiles.Instruction> image = Dockerfiles.image(service);
            assertThat(arguments(image, "ENTRYPOINT")).as(service).containsExactly("[\"java\", \"-jar\", \"application.jar\"]");
            assertThat(arguments(image, "EXPOSE")).as(service).containsExactly(EXPOSED.get(service));
            assertThat(arguments(image, "WORKDIR")).as(service).containsExactly("/app");
            assertThat(Dockerfiles.environment(service)).as(service).isEqualTo(Map.of(
                    "JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError",
                    "HEALTH_PORT", String.valueOf(MANAGEMENT_PORTS.get(service))));
        }
    }

    @Test
    void theBuildContextIsTheRootWithOnlyTheDockerfileAndTheServicesJars() {
        List<String> patterns = Repository.read(".dockerignore").lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(patterns).containsExactly("*", "!Dockerfile", "!import-api/target/*-exec.jar",
                "!outbox-relay/target/*-exec.jar", "!batch-worker/target/*-exec.jar", "!local-stack/auth/target/*-exec.jar");
        for (String service : Dockerfiles.SERVICES) {
            assertThat(patterns).as(service).contains("!" + Dockerfiles.folder(service) + "/target/*-exec.jar");
        }
    }
}
