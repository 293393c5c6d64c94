package com.bulkimport.infra.services;

import com.bulkimport.infra.TemplateQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The three Fargate services: sizes, counts, wiring, health checks, the ALB and worker autoscaling. */
class ServicesUnitTest {

    static TemplateQueries template;
    static String db;
    static String secret;

    @BeforeAll
    static void synth() {
        template = TemplateQueries.ofDefaultStack();
        db = template.ids("AWS::RDS::DBInstance").get(0);
        secret = template.ids("AWS::SecretsManager::SecretTargetAttachment").get(0);
    }

    private static String ref(String type, String property, Object value) {
        return template.idWhere(type, property, value);
    }

    private static Map<String, Object> common() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("AWS_REGION", Map.of("Ref", "AWS::Region"));
        env.put("DATABASE_URL", Map.of("Fn::Join", List.of("", List.of("jdbc:postgresql://",
                Map.of("Fn::GetAtt", List.of(db, "Endpoint.Address")), ":",
                Map.of("Fn::GetAtt", List.of(db, "Endpoint.Port")), "/bulkimport?sslmode=require"))));
        return env;
    }

    private static String bucket(String prefix) {
        return template.ids("AWS::S3::Bucket").stream().filter(id -> id.startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void apiGetsItsPortsAndTheBucket() {
        Map<String, Object> expected = common();
        expected.put("PORT", "8080");
        expected.put("MANAGEMENT_PORT", "8081");
        expected.put("UPLOAD_BUCKET", Map.of("Ref", bucket("Uploads")));
        expected.put("IMAGES_BUCKET", Map.of("Ref", bucket("ProductImages")));
        expected.put("RELAY_ADMIN_URL", "http://outbox-relay.dev.bulk-import.internal:8082");
        expected.put("WORKER_ADMIN_URL", "http://batch-worker.dev.bulk-import.internal:8083");
        assertThat(template.environment("bulk-import-dev-import-api", "import-api")).isEqualTo(expected);
    }

    @Test
    void theRelayAndTheWorkerAreFoundByNameInAPrivateNamespaceAndOnlyTheApiReachesTheirPorts() {
        String namespace = template.ids("AWS::ServiceDiscovery::PrivateDnsNamespace").get(0);
        assertThat(template.properties(namespace)).containsEntry("Name", "dev.bulk-import.internal");
        for (String name : List.of("outbox-relay", "batch-worker")) {
            String discovery = ref("AWS::ServiceDiscovery::Service", "Name", name);
            assertThat(template.properties(discovery).get("DnsConfig").toString()).contains("Type=A");
        }
        String apiGroup = template.ids("AWS::EC2::SecurityGroup").stream()
                .filter(id -> String.valueOf(template.properties(id).get("GroupDescription")).contains("Api/Service"))
                .findFirst().orElseThrow();
        for (int port : List.of(9082, 9083)) {
            // the management ports (Actuator) are reached from within the task only
            int managementPort = port;
            assertThat(template.ids("AWS::EC2::SecurityGroupIngress").stream()
                    .filter(id -> Integer.valueOf(managementPort).equals(template.properties(id).get("FromPort"))))
                    .as("ingress on %d", port).isEmpty();
        }
        for (int port : List.of(8082, 8083)) {
            List<String> ingress = template.ids("AWS::EC2::SecurityGroupIngress").stream()
                    .filter(id -> Integer.valueOf(port).equals(template.properties(id).get("FromPort")))
                    .toList();
            assertThat(ingress).as("ingress on %d", port).hasSize(1);
            assertThat(template.properties(ingress.get(0)).get("SourceSecurityGroupId"))
                    .isEqualTo(Map.of("Fn::GetAtt", List.of(apiGroup, "GroupId")));
        }
    }

    @Test
    void relayPublishesToTheBusByName() {
        Map<String, Object> expected = common();
        expected.put("PORT", "8082");
        expected.put("MANAGEMENT_PORT", "9082");
        expected.put("RELAY_TRANSPORT", "eventbridge");
        expected.put("EVENT_BUS_NAME", Map.of("Ref", template.ids("AWS::Events::EventBus").get(0)));
        assertThat(template.environment("bulk-import-dev-outbox-relay", "outbox-relay")).isEqualTo(expected);
    }

    @Test
    void workerGetsBothQueuesAndTheBucket() {
        Map<String, Object> expected = common();
        expected.put("PORT", "8083");
        expected.put("MANAGEMENT_PORT", "9083");
        expected.put("WORK_QUEUE_URL", Map.of("Ref", ref("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work")));
        expected.put("WORK_QUEUE_HIGH_URL", Map.of("Ref", ref("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work-high")));
        expected.put("WORK_QUEUE_LOW_URL", Map.of("Ref", ref("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work-low")));
        expected.put("WORK_DLQ_URL", Map.of("Ref", ref("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work-dlq")));
        expected.put("UPLOAD_BUCKET", Map.of("Ref", bucket("Uploads")));
        expected.put("IMAGES_ENABLED", "true");
        expected.put("IMAGES_BUCKET", Map.of("Ref", bucket("ProductImages")));
        expected.put("RETENTION_DELETE_UPLOADS", "false");
        // no mailIdentity in the context: no mail (MailUnitTest has one)
        expected.put("MAIL_ENABLED", "false");
        assertThat(template.environment("bulk-import-dev-batch-worker", "batch-worker")).isEqualTo(expected);
    }

    @Test
    void databaseCredentialsComeFromTheSecretNeverFromTheEnvironment() {
        List<Map<String, Object>> secrets = List.of(
                Map.of("Name", "DATABASE_USER", "ValueFrom", Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", secret), ":username::")))),
                Map.of("Name", "DATABASE_PASSWORD", "ValueFrom", Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", secret), ":password::")))));
        assertThat(template.container("bulk-import-dev-outbox-relay", "outbox-relay").get("Secrets")).isEqualTo(secrets);
        // the key that seals webhook secrets: for the two services that seal and open them, never the relay
        String key = template.idWhere("AWS::SecretsManager::Secret", "Name", "bulk-import-dev-secrets-key");
        List<Map<String, Object>> withKey = new java.util.ArrayList<>(secrets);
        withKey.add(Map.of("Name", "SECRETS_KEY", "ValueFrom", Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", key), ":key::")))));
        for (String service : List.of("import-api", "batch-worker")) {
            assertThat(template.container("bulk-import-dev-" + service, service).get("Secrets")).as(service).isEqualTo(withKey);
        }
    }

    @Test
    void eachTaskHasItsSizeAndALivenessProbeOnItsManagementPort() {
        Map<String, List<Object>> expected = Map.of(
                "import-api", List.of("1024", "2048", 8081, List.of(8080, 8081)),
                "outbox-relay", List.of("512", "1024", 9082, List.of(8082, 9082)),
                "batch-worker", List.of("2048", "4096", 9083, List.of(8083, 9083)));
        expected.forEach((service, e) -> {
            Map<String, Object> task = template.taskDefinition("bulk-import-dev-" + service);
            assertThat(List.of(task.get("Cpu"), task.get("Memory"), task.get("NetworkMode"), task.get("RequiresCompatibilities")))
                    .as(service).isEqualTo(List.of(e.get(0), e.get(1), "awsvpc", List.of("FARGATE")));
            Map<String, Object> container = template.container("bulk-import-dev-" + service, service);
            assertThat(container.get("HealthCheck")).as(service).isEqualTo(Map.of(
                    "Command", List.of("CMD-SHELL", "curl -fsS http://localhost:" + e.get(2) + "/actuator/health/liveness || exit 1"),
                    "Interval", 15, "Timeout", 5, "Retries", 3, "StartPeriod", 60));
            assertThat(((List<?>) container.get("PortMappings")).stream()
                    .map(m -> ((Map<?, ?>) m).get("ContainerPort")).toList()).as(service).isEqualTo(e.get(3));
            assertThat(container.get("StopTimeout")).as(service).isEqualTo(120);
            assertThat(container.get("Essential")).as(service).isEqualTo(true);
        });
    }

    @Test
    void apiRunsTwiceRelayTwiceWorkerOnceToStartWith() {
        Map<String, List<Object>> expected = Map.of(
                "import-api", List.of(2, 100, 200),
                "outbox-relay", List.of(2, 50, 200),
                "batch-worker", List.of(1, 100, 200));
        assertThat(template.ids("AWS::ECS::Service")).hasSize(3);
        expected.forEach((name, e) -> {
            Map<String, Object> service = template.properties(template.idWhere("AWS::ECS::Service", "ServiceName",
                    "bulk-import-dev-" + name));
            @SuppressWarnings("unchecked")
            Map<String, Object> deployment = (Map<String, Object>) service.get("DeploymentConfiguration");
            assertThat(List.of(service.get("DesiredCount"), deployment.get("MinimumHealthyPercent"),
                    deployment.get("MaximumPercent"), deployment.get("DeploymentCircuitBreaker"), service.get("LaunchType")))
                    .as(name).isEqualTo(List.of(e.get(0), e.get(1), e.get(2), Map.of("Enable", true, "Rollback", true), "FARGATE"));
        });
    }

    @Test
    void theAlbRoutesOnlyTheApiPortAndChecksReadinessOnTheManagementPort() {
        String alb = template.ids("AWS::ElasticLoadBalancingV2::LoadBalancer").get(0);
        assertThat(template.properties(alb).get("Scheme")).isEqualTo("internet-facing");
        String targetGroup = template.ids("AWS::ElasticLoadBalancingV2::TargetGroup").get(0);
        Map<String, Object> tg = template.properties(targetGroup);
        assertThat(List.of(tg.get("HealthCheckPath"), tg.get("HealthCheckPort"), tg.get("Matcher"), tg.get("TargetType"),
                tg.get("HealthyThresholdCount"), tg.get("UnhealthyThresholdCount")))
                .isEqualTo(List.of("/actuator/health/readiness", "8081", Map.of("HttpCode", "200"), "ip", 2, 3));
        Map<String, Object> api = template.properties(template.idWhere("AWS::ECS::Service", "ServiceName", "bulk-import-dev-import-api"));
        assertThat(api.get("LoadBalancers")).isEqualTo(List.of(Map.of("ContainerName", "import-api",
                "ContainerPort", 8080, "TargetGroupArn", Map.of("Ref", targetGroup))));
        // the listeners (HTTPS, and port 80's redirect): ApiHttpsUnitTest
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWorkerScalesOnWaitingPlusInFlightMessages() {
        String target = template.ids("AWS::ApplicationAutoScaling::ScalableTarget").get(0);
        assertThat(template.properties(target)).containsEntry("MinCapacity", 1).containsEntry("MaxCapacity", 10)
                .containsEntry("ScalableDimension", "ecs:service:DesiredCount");
        Map<String, List<Object>> steps = new LinkedHashMap<>();
        for (String policy : template.ids("AWS::ApplicationAutoScaling::ScalingPolicy")) {
            Map<String, Object> config = (Map<String, Object>) template.properties(policy).get("StepScalingPolicyConfiguration");
            steps.put(policy.contains("Lower") ? "in" : "out", List.of(config.get("AdjustmentType"), config.get("Cooldown"),
                    config.get("StepAdjustments")));
        }
        assertThat(steps).isEqualTo(Map.of(
                "in", List.of("ChangeInCapacity", 120, List.of(Map.of("MetricIntervalUpperBound", 0, "ScalingAdjustment", -1))),
                "out", List.of("ChangeInCapacity", 120, List.of(
                        Map.of("MetricIntervalLowerBound", 0, "MetricIntervalUpperBound", 900, "ScalingAdjustment", 1),
                        Map.of("MetricIntervalLowerBound", 900, "ScalingAdjustment", 3)))));
        String queueName = ref("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work");
        String high = ref("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work-high");
        String low = ref("AWS::SQS::Queue", "QueueName", "bulk-import-dev-work-low");
        Map<String, Object> upper = template.properties(template.ids("AWS::CloudWatch::Alarm").stream()
                .filter(id -> id.contains("QueueBacklogUpper")).findFirst().orElseThrow());
        assertThat(upper.get("Threshold")).isEqualTo(100);
        assertThat(upper.get("Metrics")).isEqualTo(List.of(
                Map.of("Expression", "visible + inflight + visibleHigh + inflightHigh + visibleLow + inflightLow",
                        "Id", "expr_1", "Label", "work backlog", "ReturnData", true),
                metric("inflight", "ApproximateNumberOfMessagesNotVisible", queueName),
                metric("inflightHigh", "ApproximateNumberOfMessagesNotVisible", high),
                metric("inflightLow", "ApproximateNumberOfMessagesNotVisible", low),
                metric("visible", "ApproximateNumberOfMessagesVisible", queueName),
                metric("visibleHigh", "ApproximateNumberOfMessagesVisible", high),
                metric("visibleLow", "ApproximateNumberOfMessagesVisible", low)));
    }

    private static Map<String, Object> metric(String id, String name, String queue) {
        return Map.of("Id", id, "ReturnData", false, "MetricStat", Map.of(
                "Metric", Map.of("Namespace", "AWS/SQS", "MetricName", name, "Dimensions",
                        List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName"))))),
                "Period", 60, "Stat", "Maximum"));
    }

    @Test
    void theClusterHasContainerInsights() {
        String cluster = template.ids("AWS::ECS::Cluster").get(0);
        assertThat(template.properties(cluster)).isEqualTo(Map.of("ClusterName", "bulk-import-dev",
                "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled"))));
    }
}
