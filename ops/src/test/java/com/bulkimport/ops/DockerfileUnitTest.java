package com.bulkimport.ops;

import com.bulkimport.ops.Dockerfiles.Instruction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each image: the layered jar, a non-root user, a health check on the management port. */
class DockerfileUnitTest {

    /** Management port of each service: the health check's target (the sign-in server has one port, health is public there). */
    static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("import-api", 8081, "outbox-relay", 8082, "batch-worker", 8083,
            "local-auth", 8084);
    static final Map<String, String> EXPOSED = Map.of("import-api", "8080 8081", "outbox-relay", "8082", "batch-worker", "8083",
            "local-auth", "8084");

    @Test
    void everyImageComposeBuildsIsChecked() {
        assertThat(Dockerfiles.SERVICES).containsExactly("import-api", "outbox-relay", "batch-worker", "local-auth");
        assertThat(MANAGEMENT_PORTS.keySet()).containsExactlyInAnyOrderElementsOf(Dockerfiles.SERVICES);
        Dockerfiles.SERVICES.forEach(service -> assertThat(ComposeFile.map(service, "build"))
                .as(service).isEqualTo(Map.of("context", "./" + Dockerfiles.folder(service))));
    }

    private static List<String> keywords(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    @Test
    void theImageRunsAsAnUnprivilegedUser() {
        for (String service : Dockerfiles.SERVICES) {
            List<String> users = keywords(Dockerfiles.finalStage(service), "USER");
            assertThat(users).as(service).containsExactly("10001:10001");
            assertThat(keywords(Dockerfiles.finalStage(service), "RUN").get(0)).as(service)
                    .contains("useradd --system --uid 10001 --gid bulkimport");
        }
    }

    @Test
    void theHealthCheckAsksTheManagementPortForLiveness() {
        MANAGEMENT_PORTS.forEach((service, port) -> assertThat(keywords(Dockerfiles.finalStage(service), "HEALTHCHECK"))
                .as(service).containsExactly("--interval=15s --timeout=5s --start-period=60s --retries=3 CMD curl -fsS "
                        + "http://localhost:" + port + "/actuator/health/liveness || exit 1"));
    }

    @Test
    void theJarIsCopiedLayerByLayerSoDependenciesAreCachedApartFromTheCode() {
        for (String service : Dockerfiles.SERVICES) {
            List<Instruction> all = Dockerfiles.instructions(service);
            assertThat(all.stream().filter(i -> i.keyword().equals("FROM")).map(Instruction::arguments).toList())
                    .as(service).containsExactly("eclipse-temurin:17-jre-noble AS layers", "eclipse-temurin:17-jre-noble");
            assertThat(keywords(all, "COPY")).as(service).containsExactly(
                    "target/*-exec.jar application.jar",
                    "--from=layers /build/extracted/dependencies/ ./",
                    "--from=layers /build/extracted/spring-boot-loader/ ./",
                    "--from=layers /build/extracted/snapshot-dependencies/ ./",
                    "--from=layers /build/extracted/application/ ./");
            assertThat(keywords(all, "RUN").get(0)).as(service)
                    .isEqualTo("java -Djarmode=tools -jar application.jar extract --layers --destination extracted");
        }
    }

    @Test
    void theServiceStartsAsItsMainMethodDoesAndExposesItsPorts() {
        for (String service : Dockerfiles.SERVICES) {
            List<Instruction> stage = Dockerfiles.finalStage(service);
            assertThat(keywords(stage, "ENTRYPOINT")).as(service).containsExactly("[\"java\", \"-jar\", \"application.jar\"]");
            assertThat(keywords(stage, "EXPOSE")).as(service).containsExactly(EXPOSED.get(service));
            assertThat(keywords(stage, "WORKDIR")).as(service).containsExactly("/app");
            assertThat(keywords(stage, "ENV")).as(service)
                    .containsExactly("JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError\"");
        }
    }
}
