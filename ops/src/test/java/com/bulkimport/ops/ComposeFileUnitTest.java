package com.bulkimport.ops;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The services, their images, ports, health checks, dependencies and wiring in docker-compose.yml. */
class ComposeFileUnitTest {

    static final List<String> APPS = List.of("batch-worker", "import-api", "outbox-relay");

    @Test
    void runsTheThreeServicesAndEverythingTheyNeed() {
        assertThat(ComposeFile.ROOT.get("name")).isEqualTo("bulk-import");
        assertThat(new TreeSet<>(ComposeFile.services().keySet())).containsExactly("batch-worker", "elasticmq", "grafana",
                "import-api", "kafka", "local-auth", "outbox-relay", "postgres", "prometheus", "s3proxy");
    }

    @Test
    void infrastructureImagesArePinnedAndTheServicesAreBuiltFromTheDockerfile() {
        Map<String, Object> images = new LinkedHashMap<>();
        ComposeFile.services().keySet().stream().sorted().forEach(name -> images.put(name,
                ComposeFile.service(name).containsKey("build") ? ComposeFile.map(name, "build") : ComposeFile.service(name).get("image")));
        assertThat(images).isEqualTo(Map.of(
                "batch-worker", Map.of("context", ".", "args", Map.of("SERVICE", "batch-worker")),
                "elasticmq", "softwaremill/elasticmq-native:1.7.1",
                "grafana", "grafana/grafana:11.6.0",
                "import-api", Map.of("context", ".", "args", Map.of("SERVICE", "import-api")),
                "kafka", "apache/kafka:4.1.0",
                "local-auth", Map.of("context", ".", "args", Map.of("SERVICE", "local-auth")),
                "outbox-relay", Map.of("context", ".", "args", Map.of("SERVICE", "outbox-relay")),
                "postgres", "postgres:17.6",
                "prometheus", "prom/prometheus:v3.5.0",
                "s3proxy", "andrewgaul/s3proxy:s3proxy-4.1.1"));
    }

    @Test
    void everyPortIsPublishedOnLoopbackOnlyAtTheLocalStacksNumbers() {
        Map<String, List<String>> ports = new LinkedHashMap<>();
        ComposeFile.services().keySet().stream().sorted().forEach(name -> ports.put(name, ComposeFile.list(name, "ports")));
        assertThat(ports).isEqualTo(Map.of(
                "batch-worker", List.of("127.0.0.1:8083:8083", "127.0.0.1:9083:9083"),
                "elasticmq", List.of("127.0.0.1:9324:9324"),
                "grafana", List.of("127.0.0.1:3000:3000"),
                "import-api", List.of("127.0.0.1:8080:8080", "127.0.0.1:8081:8081"),
                "kafka", List.of("127.0.0.1:29092:29092"),
                "local-auth", List.of("127.0.0.1:8084:8084"),
                "outbox-relay", List.of("127.0.0.1:8082:8082", "127.0.0.1:9082:9082"),
                "postgres", List.of("127.0.0.1:15432:5432"),
                "prometheus", List.of("127.0.0.1:9090:9090"),
                "s3proxy", List.of("127.0.0.1:9000:9000")));
    }

    @Test
    void everyServiceHasAHealthCheckAndTheAppsProbeReadinessOnTheirManagementPort() {
        Map<String, Object> tests = new LinkedHashMap<>();
        ComposeFile.services().keySet().stream().sorted().forEach(name -> tests.put(name, ComposeFile.map(name, "healthcheck").get("test")));
        assertThat(tests).isEqualTo(Map.of(
                "batch-worker", List.of("CMD-SHELL", "curl -fsS http://localhost:9083/actuator/health/readiness || exit 1"),
                "elasticmq", List.of("CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9324"),
                "grafana", List.of("CMD-SHELL", "wget -q -O /dev/null http://localhost:3000/api/health || exit 1"),
                "import-api", List.of("CMD-SHELL", "curl -fsS http://localhost:8081/actuator/health/readiness || exit 1"),
                "kafka", List.of("CMD-SHELL", "/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 > /dev/null || exit 1"),
                "local-auth", List.of("CMD-SHELL", "curl -fsS http://localhost:8084/actuator/health/readiness || exit 1"),
                "outbox-relay", List.of("CMD-SHELL", "curl -fsS http://localhost:9082/actuator/health/readiness || exit 1"),
                "postgres", List.of("CMD-SHELL", "pg_isready -U bulkimport -d bulkimport"),
                "prometheus", List.of("CMD-SHELL", "wget -q -O /dev/null http://localhost:9090/-/ready || exit 1"),
                "s3proxy", List.of("CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9000")));
        for (String app : List.of("batch-worker", "import-api", "local-auth", "outbox-relay")) {
            assertThat(ComposeFile.map(app, "healthcheck")).as(app).containsEntry("start_period", "60s").containsEntry("retries", 3);
        }
    }

    @Test
    void theAppsStartOnceTheDatabaseIsHealthy() {
        for (String app : APPS) {
            assertThat(ComposeFile.map(app, "depends_on")).as(app).containsEntry("postgres", Map.of("condition", "service_healthy"));
        }
        assertThat(ComposeFile.map("batch-worker", "depends_on")).containsOnlyKeys("elasticmq", "kafka", "postgres", "s3proxy");
        assertThat(ComposeFile.map("outbox-relay", "depends_on")).containsOnlyKeys("elasticmq", "kafka", "postgres");
        assertThat(ComposeFile.map("import-api", "depends_on")).containsOnlyKeys("local-auth", "postgres", "s3proxy");
        // the API fetches the issuer's keys on the first signed-in call, so it need not wait for the sign-in server
        assertThat(ComposeFile.map("import-api", "depends_on")).containsEntry("local-auth", Map.of("condition", "service_started"));
        // the sign-in server has no database, queue or storage
        assertThat(ComposeFile.service("local-auth")).doesNotContainKey("depends_on");
        assertThat(ComposeFile.map("grafana", "depends_on")).isEqualTo(Map.of("prometheus", Map.of("condition", "service_healthy")));
    }

    @Test
    void theAppsGetTheVariablesTheirConfigFilesRead() {
        Map<String, Object> common = Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local-identity",
                "AWS_SECRET_ACCESS_KEY", "local-credential",
                "DATABASE_URL", "jdbc:postgresql://postgres:5432/bulkimport",
                "DATABASE_USER", "bulkimport",
                "DATABASE_PASSWORD", "bulkimport");
        Map<String, Object> api = new LinkedHashMap<>(common);
        api.putAll(Map.of("MANAGEMENT_PORT", "8081", "PORT", "8080", "S3_ENDPOINT", "http://s3proxy:9000",
                "UPLOAD_BUCKET", "bulk-import-uploads",
                "OIDC_ISSUER_URI", "http://127.0.0.1:8084", "OIDC_JWK_SET_URI", "http://local-auth:8084/oauth2/jwks",
                "RELAY_ADMIN_URL", "http://outbox-relay:8082", "WORKER_ADMIN_URL", "http://batch-worker:8083"));
        // the sign-in server is http on loopback: the API trusts such an issuer under the local profile only
        api.put("SPRING_PROFILES_ACTIVE", "local");
        api.put("IMAGES_BUCKET", "bulk-import-images");
        assertThat(ComposeFile.environment("import-api")).isEqualTo(api);
        // the relay's and the worker's admin endpoints trust the API's issuer, under Boot's own property names
        common = new LinkedHashMap<>(common);
        common.putAll(Map.of("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", "http://127.0.0.1:8084",
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "http://local-auth:8084/oauth2/jwks"));
        Map<String, Object> relay = new LinkedHashMap<>(common);
        relay.putAll(Map.of("RELAY_QUEUE_URL", "http://elasticmq:9324/000000000000/bulk-import-work",
                "RELAY_HIGH_QUEUE_URL", "http://elasticmq:9324/000000000000/bulk-import-work-high",
                "RELAY_LOW_QUEUE_URL", "http://elasticmq:9324/000000000000/bulk-import-work-low",
                "RELAY_TRANSPORT", "${RELAY_TRANSPORT:-sqs}", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "SQS_ENDPOINT", "http://elasticmq:9324"));
        assertThat(ComposeFile.environment("outbox-relay")).isEqualTo(relay);
        Map<String, Object> worker = new LinkedHashMap<>(common);
        worker.putAll(Map.of("S3_ENDPOINT", "http://s3proxy:9000", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "SQS_ENDPOINT", "http://elasticmq:9324", "UPLOAD_BUCKET", "bulk-import-uploads",
                "WORKER_TRANSPORT", "${RELAY_TRANSPORT:-sqs}",
                "WORK_DLQ_URL", "http://elasticmq:9324/000000000000/bulk-import-work-dlq",
                "WORK_QUEUE_URL", "http://elasticmq:9324/000000000000/bulk-import-work"));
        worker.putAll(Map.of("WORK_QUEUE_HIGH_URL", "http://elasticmq:9324/000000000000/bulk-import-work-high",
                "WORK_QUEUE_LOW_URL", "http://elasticmq:9324/000000000000/bulk-import-work-low",
                "IMAGES_BUCKET", "bulk-import-images"));
        assertThat(ComposeFile.environment("batch-worker")).isEqualTo(worker);
    }

    @Test
    void theSignInServerIsTheIssuerTheAppsTrustAndServesTheWebUi() {
        // every interface inside the container (the other containers reach it there), published on loopback only
        assertThat(ComposeFile.environment("local-auth")).isEqualTo(Map.of(
                "BULKIMPORT_AUTH_ADDRESS", "0.0.0.0",
                "BULKIMPORT_AUTH_IN_CONTAINER", "true",
                "BULKIMPORT_AUTH_ISSUER", "http://127.0.0.1:8084",
                "BULKIMPORT_AUTH_PORT", "8084",
                "BULKIMPORT_WEB_ORIGINS", "http://127.0.0.1:8080,http://localhost:8080"));
        String issuer = (String) ComposeFile.environment("local-auth").get("BULKIMPORT_AUTH_ISSUER");
        // tokens name the issuer where this machine reaches it: the published port, on loopback
        assertThat(ComposeFile.list("local-auth", "ports")).containsExactly(issuer.substring("http://".length()) + ":"
                + ComposeFile.environment("local-auth").get("BULKIMPORT_AUTH_PORT"));
        assertThat(ComposeFile.environment("import-api")).containsEntry("OIDC_ISSUER_URI", issuer);
        for (String admin : List.of("outbox-relay", "batch-worker")) {
            assertThat(ComposeFile.environment(admin)).as(admin)
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer)
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
                            ComposeFile.environment("import-api").get("OIDC_JWK_SET_URI"));
        }
        // the keys come by service name and the listening port, from inside the compose network
        assertThat(ComposeFile.environment("import-api").get("OIDC_JWK_SET_URI"))
                .isEqualTo("http://local-auth:" + ComposeFile.environment("local-auth").get("BULKIMPORT_AUTH_PORT") + "/oauth2/jwks");
        // the web UI's origins are the API's published port, under both spellings of loopback
        assertThat(ComposeFile.list("import-api", "ports")).contains("127.0.0.1:8080:8080");
        assertThat(containerPort("import-api")).isEqualTo(ComposeFile.environment("import-api").get("PORT"));
    }

    @Test
    void theApiReachesTheAdminEndpointsAtTheRelaysAndTheWorkersOwnPorts() {
        assertThat(ComposeFile.environment("import-api").get("RELAY_ADMIN_URL"))
                .isEqualTo("http://outbox-relay:" + containerPort("outbox-relay"));
        assertThat(ComposeFile.environment("import-api").get("WORKER_ADMIN_URL"))
                .isEqualTo("http://batch-worker:" + containerPort("batch-worker"));
    }

    /** The port a service listens on inside the network: the last part of its first published port. */
    private static String containerPort(String service) {
        String published = ComposeFile.list(service, "ports").get(0);
        return published.substring(published.lastIndexOf(':') + 1);
    }

    @Test
    void s3ProxyAndThePostgresUserMatchWhatTheAppsAreGiven() {
        Map<String, Object> s3 = ComposeFile.environment("s3proxy");
        assertThat(List.of(s3.get("S3PROXY_IDENTITY"), s3.get("S3PROXY_CREDENTIAL"), s3.get("S3PROXY_ENDPOINT")))
                .isEqualTo(List.of("local-identity", "local-credential", "http://0.0.0.0:9000"));
        // the browser PUTs the file itself: both origins the web UI may be opened at (S3Proxy splits on spaces)
        assertThat(List.of(String.valueOf(s3.get("S3PROXY_CORS_ALLOW_ORIGINS")).split(" ")))
                .containsExactlyInAnyOrderElementsOf(List.of(String.valueOf(ComposeFile.environment("local-auth")
                        .get("BULKIMPORT_WEB_ORIGINS")).split(",")));
        assertThat(ComposeFile.list("s3proxy", "entrypoint")).containsExactly("/bin/sh", "-c",
                "mkdir -p /data/bulk-import-uploads /data/bulk-import-images && exec /opt/s3proxy/run-docker-container.sh");
        assertThat(ComposeFile.environment("postgres")).isEqualTo(Map.of(
                "POSTGRES_DB", "bulkimport", "POSTGRES_USER", "bulkimport", "POSTGRES_PASSWORD", "bulkimport"));
    }

    @Test
    void everyMountedConfigFileIsInTheRepository() {
        Map<String, List<String>> mounts = new LinkedHashMap<>();
        ComposeFile.services().keySet().stream().sorted().forEach(name -> {
            if (ComposeFile.service(name).containsKey("volumes")) {
                mounts.put(name, ComposeFile.list(name, "volumes"));
            }
        });
        assertThat(mounts).isEqualTo(Map.of(
                "elasticmq", List.of("./ops/elasticmq/elasticmq.conf:/opt/elasticmq.conf:ro"),
                "grafana", List.of("./ops/grafana/provisioning:/etc/grafana/provisioning:ro",
                        "./ops/grafana/dashboards:/var/lib/grafana/dashboards:ro"),
                "postgres", List.of("postgres-data:/var/lib/postgresql/data"),
                "prometheus", List.of("./ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                        "./ops/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro"),
                "s3proxy", List.of("s3-data:/data")));
        mounts.values().stream().flatMap(List::stream).filter(m -> m.startsWith("./"))
                .forEach(m -> assertThat(Repository.file(m.substring(2, m.indexOf(':')))).as(m).exists());
        assertThat(ComposeFile.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .isEqualTo("/var/lib/grafana/dashboards/bulk-import.json");
        assertThat(Repository.file("ops/grafana/dashboards/bulk-import.json")).isRegularFile();
    }

    @Test
    void elasticMqHasTheQueuesOfTheSharedRuleFileWithItsRedrivePolicy() {
        String conf = Repository.read("ops/elasticmq/elasticmq.conf");
        String rules = Repository.read("infra/event-rules.json");
        for (String queue : List.of("work", "subscribers", "notifications")) {
            assertThat(rules).contains("\"name\": \"bulk-import-" + queue + "\"",
                    "\"dead_letter_queue\": \"bulk-import-" + queue + "-dlq\"");
            assertThat(conf).contains("  bulk-import-" + queue + " {\n"
                    + "    defaultVisibilityTimeout = 120 seconds\n"
                    + "    deadLettersQueue {\n"
                    + "      name = \"bulk-import-" + queue + "-dlq\"\n"
                    + "      maxReceiveCount = 5\n"
                    + "    }\n"
                    + "  }\n"
                    + "  bulk-import-" + queue + "-dlq {}\n");
        }
        for (String lane : List.of("work-high", "work-low")) {
            // the lanes share the work queue's DLQ
            assertThat(rules).contains("\"name\": \"bulk-import-" + lane + "\",\n"
                    + "      \"dead_letter_queue\": \"bulk-import-work-dlq\"");
            assertThat(conf).contains("  bulk-import-" + lane + " {\n"
                    + "    defaultVisibilityTimeout = 120 seconds\n"
                    + "    deadLettersQueue {\n"
                    + "      name = \"bulk-import-work-dlq\"\n"
                    + "      maxReceiveCount = 5\n"
                    + "    }\n"
                    + "  }\n");
        }
        assertThat(rules).contains("\"max_receive_count\": 5", "\"visibility_timeout_seconds\": 120");
        assertThat(conf).contains("  host = elasticmq\n  port = 9324\n");
    }
}
