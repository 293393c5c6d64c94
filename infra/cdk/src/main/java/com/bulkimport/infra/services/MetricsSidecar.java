package com.bulkimport.infra.services;

import com.bulkimport.infra.Names;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * Turns a service's Prometheus metrics into CloudWatch metrics without touching the service: an
 * OpenTelemetry collector (ADOT) beside it scrapes {@code /actuator/prometheus} and writes the
 * selected series as embedded-metric-format log lines, which CloudWatch turns into metrics of
 * namespace {@value #NAMESPACE}, dimensions {@code service} and {@code stage} (so two stages in one
 * account and region never mix their series). The outbox lag alarm reads them.
 */
public final class MetricsSidecar {

    public static final String NAMESPACE = "BulkImport";
    static final String IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1";

    private MetricsSidecar() {
    }

    /** The dimensions of a service's exported series, as an alarm names them. */
    public static Map<String, String> dimensions(Names names, String service) {
        return Map.of("service", service, "stage", names.stage().id());
    }

    /** @param metricNames Prometheus names to export (regular expressions as the exporter takes them) */
    static void attach(Construct scope, FargateTaskDefinition task, ServiceContext context, String service,
                       int managementPort, List<String> metricNames) {
        LogGroup metrics = LogGroup.Builder.create(scope, "MetricsLogs")
                .logGroupName(context.names().logGroup("metrics/" + service))
                .retention(context.logRetention()).removalPolicy(RemovalPolicy.DESTROY).build();
        task.addContainer("metrics", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry(IMAGE))
                .containerName("metrics")
                // losing metrics must never stop the service itself
                .essential(false)
                .memoryReservationMiB(128)
                .environment(Map.of("AOT_CONFIG_CONTENT",
                        config(service, context.names().stage().id(), managementPort, metrics.getLogGroupName(),
                                metricNames)))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                        .logGroup(metrics).streamPrefix("collector").build()))
                .build());
        // the EMF exporter writes log streams in its own log group and nowhere else
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("EmbeddedMetrics")
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"))
                .resources(List.of(metrics.getLogGroupArn())).build());
    }

    static String config(String service, String stage, int managementPort, String logGroup, List<String> metricNames) {
        StringBuilder selectors = new StringBuilder();
        for (String name : metricNames) {
            selectors.append("\n          - ").append(name);
        }
        return """
                receivers:
                  prometheus:
                    config:
                      scrape_configs:
                        - job_name: %1$s
                          scrape_interval: 30s
                          metrics_path: /actuator/prometheus
                          static_configs:
                            - targets: ["localhost:%2$d"]
                              labels:
                                service: %1$s
                                stage: %6$s
                processors:
                  batch: {}
                exporters:
                  awsemf:
                    namespace: %3$s
                    log_group_name: %4$s
                    dimension_rollup_option: NoDimensionRollup
                    metric_declarations:
                      - dimensions: [[service, stage]]
                        metric_name_selectors:%5$s
                service:
                  pipelines:
                    metrics:
                      receivers: [prometheus]
                      processors: [batch]
                      exporters: [awsemf]
                """.formatted(service, managementPort, NAMESPACE, logGroup, selectors, stage);
    }
}
