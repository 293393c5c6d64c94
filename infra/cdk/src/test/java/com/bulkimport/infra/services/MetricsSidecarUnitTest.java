package com.bulkimport.infra.services;

import com.bulkimport.infra.TemplateQueries;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The collector beside the relay scrapes its Prometheus endpoint and exports the outbox gauges. */
class MetricsSidecarUnitTest {

    @Test
    void theCollectorConfigScrapesTheManagementPortAndExportsTheNamedSeries() {
        assertThat(MetricsSidecar.config("outbox-relay", "qa", 9082, "/bulk-import/qa/metrics/outbox-relay",
                List.of("bulkimport_outbox_lag_seconds", "bulkimport_outbox_pending"))).isEqualTo("""
                receivers:
                  prometheus:
                    config:
                      scrape_configs:
                        - job_name: outbox-relay
                          scrape_interval: 30s
                          metrics_path: /actuator/prometheus
                          static_configs:
                            - targets: ["localhost:9082"]
                              labels:
                                service: outbox-relay
                                stage: qa
                processors:
                  batch: {}
                exporters:
                  awsemf:
                    namespace: BulkImport
                    log_group_name: /bulk-import/qa/metrics/outbox-relay
                    dimension_rollup_option: NoDimensionRollup
                    metric_declarations:
                      - dimensions: [[service, stage]]
                        metric_name_selectors:
                          - bulkimport_outbox_lag_seconds
                          - bulkimport_outbox_pending
                service:
                  pipelines:
                    metrics:
                      receivers: [prometheus]
                      processors: [batch]
                      exporters: [awsemf]
                """);
    }

    @Test
    void theSidecarRunsBesideTheRelayAndTheWorkerAndMayFailWithoutStoppingThem() {
        TemplateQueries template = TemplateQueries.ofDefaultStack();
        for (String service : List.of("outbox-relay", "batch-worker")) {
            Map<String, Object> sidecar = template.container("bulk-import-dev-" + service, "metrics");
            assertThat(List.of(sidecar.get("Image"), sidecar.get("Essential"), sidecar.get("MemoryReservation")))
                    .as(service).isEqualTo(List.of("public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1", false, 128));
            assertThat(template.environment("bulk-import-dev-" + service, "metrics")).as(service)
                    .containsOnlyKeys("AOT_CONFIG_CONTENT");
        }
        assertThat(template.environment("bulk-import-dev-batch-worker", "metrics").get("AOT_CONFIG_CONTENT").toString())
                .contains("targets: [\"localhost:9083\"]", "service: batch-worker", "stage: dev",
                        "- bulkimport_dead_letters_open");
        assertThat(template.ids("AWS::Logs::LogGroup").stream().map(id -> template.properties(id).get("LogGroupName")).sorted().toList())
                .isEqualTo(List.of("/bulk-import/dev/batch-worker", "/bulk-import/dev/import-api",
                        "/bulk-import/dev/metrics/batch-worker", "/bulk-import/dev/metrics/outbox-relay",
                        "/bulk-import/dev/outbox-relay"));
    }
}
