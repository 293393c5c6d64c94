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
        assertThat(MetricsSidecar.config("outbox-relay", 9082, "/bulk-import/metrics/outbox-relay",
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
                processors:
                  batch: {}
                exporters:
                  awsemf:
                    namespace: BulkImport
                    log_group_name: /bulk-import/metrics/outbox-relay
                    dimension_rollup_option: NoDimensionRollup
                    metric_declarations:
                      - dimensions: [[service]]
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
    void theSidecarRunsBesideTheRelayAndMayFailWithoutStoppingIt() {
        TemplateQueries template = TemplateQueries.ofDefaultStack();
        Map<String, Object> sidecar = template.container("bulk-import-outbox-relay", "metrics");
        assertThat(List.of(sidecar.get("Image"), sidecar.get("Essential"), sidecar.get("MemoryReservation")))
                .isEqualTo(List.of("public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1", false, 128));
        assertThat(template.environment("bulk-import-outbox-relay", "metrics")).containsOnlyKeys("AOT_CONFIG_CONTENT");
        // it scrapes the relay's management port, inside the task
        assertThat(String.valueOf(template.environment("bulk-import-outbox-relay", "metrics").get("AOT_CONFIG_CONTENT")))
                .contains("- targets: [\"localhost:9082\"]");
        assertThat(template.ids("AWS::Logs::LogGroup").stream().map(id -> template.properties(id).get("LogGroupName")).sorted().toList())
                .isEqualTo(List.of("/bulk-import/batch-worker", "/bulk-import/import-api", "/bulk-import/metrics/outbox-relay",
                        "/bulk-import/outbox-relay"));
    }
}
