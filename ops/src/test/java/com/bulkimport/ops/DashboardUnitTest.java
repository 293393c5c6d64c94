package com.bulkimport.ops;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The provisioned Grafana dashboard: its panels, their queries, and the data source they name. */
@SuppressWarnings("unchecked")
class DashboardUnitTest {

    static final JsonNode DASHBOARD = JsonMapper.builder().build().readTree(Repository.read("ops/grafana/dashboards/bulk-import.json"));

    private static List<JsonNode> panels(boolean rows) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : DASHBOARD.get("panels")) {
            if (rows == "row".equals(panel.get("type").asString())) {
                out.add(panel);
            }
        }
        return out;
    }

    @Test
    void showsJobsRowsErrorsBatchLatencyOutboxLagAndQueueDepth() {
        assertThat(DASHBOARD.get("uid").asString()).isEqualTo("bulk-import");
        assertThat(panels(true).stream().map(p -> p.get("title").asString()).toList())
                .containsExactly("Jobs", "Rows and batches", "Outbox and queues");
        assertThat(panels(false).stream().map(p -> p.get("type").asString() + " " + p.get("title").asString()).toList())
                .containsExactly(
                        "bargauge Jobs by status",
                        "stat Jobs in flight",
                        "stat Job failure rate (1 h)",
                        "timeseries Rows per second by outcome",
                        "timeseries Row errors per second by kind",
                        "timeseries Rows per second by kind",
                        "timeseries Batch duration",
                        "timeseries Outbox lag",
                        "timeseries Outbox pending and published",
                        "stat Dead outbox events (1 h)",
                        "stat Open dead letters",
                        "timeseries Queue and DLQ depth");
    }

    @Test
    void theKeyQueriesReadTheNamedMetrics() {
        Map<String, List<String>> queries = new java.util.LinkedHashMap<>();
        for (JsonNode panel : panels(false)) {
            List<String> exprs = new ArrayList<>();
            panel.get("targets").forEach(t -> exprs.add(t.get("expr").asString()));
            queries.put(panel.get("title").asString(), exprs);
        }
        assertThat(queries.get("Jobs by status")).containsExactly("sum by (status) (bulkimport_jobs)");
        assertThat(queries.get("Rows per second by outcome")).containsExactly("sum by (outcome) (rate(bulkimport_import_rows_total[1m]))");
        assertThat(queries.get("Batch duration")).containsExactly(
                "histogram_quantile(0.95, sum by (le) (rate(bulkimport_batch_duration_seconds_bucket[5m])))",
                "sum(rate(bulkimport_batch_duration_seconds_sum[5m])) / sum(rate(bulkimport_batch_duration_seconds_count[5m]))",
                "max(bulkimport_batch_duration_seconds_max)");
        assertThat(queries.get("Outbox lag")).containsExactly("max(bulkimport_outbox_lag_seconds)");
        assertThat(queries.get("Queue and DLQ depth")).containsExactly("max by (queue) (bulkimport_queue_depth)");
        assertThat(queries.get("Dead outbox events (1 h)")).containsExactly("sum(increase(bulkimport_outbox_dead_total[1h])) or vector(0)");
        assertThat(queries.get("Open dead letters")).containsExactly("max(bulkimport_dead_letters_open)");
    }

    @Test
    void everyMetricOfTheContractIsOnTheDashboardAndNothingElse() {
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : panels(false)) {
            panel.get("targets").forEach(t -> used.addAll(MetricNames.in(t.get("expr").asString())));
        }
        assertThat(used).isEqualTo(new TreeSet<>(MetricNames.CONTRACT));
    }

    @Test
    void everyQueryUsesTheProvisionedPrometheusDataSource() {
        Map<String, Object> provisioning = new Yaml().load(Repository.read("ops/grafana/provisioning/datasources/prometheus.yml"));
        Map<String, Object> source = ((List<Map<String, Object>>) provisioning.get("datasources")).get(0);
        assertThat(List.of(source.get("uid"), source.get("type"), source.get("url")))
                .isEqualTo(List.of("prometheus", "prometheus", "http://prometheus:9090"));
        for (JsonNode panel : panels(false)) {
            assertThat(panel.get("datasource").get("uid").asString()).as(panel.get("title").asString()).isEqualTo("prometheus");
            panel.get("targets").forEach(t -> assertThat(t.get("datasource").get("uid").asString()).isEqualTo("prometheus"));
        }
    }

    @Test
    void panelsDoNotOverlapAndFitTheGrid() {
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : DASHBOARD.get("panels")) {
            JsonNode g = panel.get("gridPos");
            int[] box = {g.get("x").asInt(), g.get("y").asInt(), g.get("w").asInt(), g.get("h").asInt()};
            assertThat(box[0] + box[2]).as(panel.get("title").asString()).isLessThanOrEqualTo(24);
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                assertThat(overlap).as(panel.get("title").asString()).isFalse();
            }
            boxes.add(box);
        }
        assertThat(boxes).hasSize(15);
    }

    @Test
    void grafanaLoadsTheDashboardFolderThatComposeMounts() {
        Map<String, Object> provisioning = new Yaml().load(Repository.read("ops/grafana/provisioning/dashboards/bulk-import.yml"));
        Map<String, Object> provider = ((List<Map<String, Object>>) provisioning.get("providers")).get(0);
        assertThat(provider.get("options")).isEqualTo(Map.of("path", "/var/lib/grafana/dashboards", "foldersFromFilesStructure", false));
        assertThat(ComposeFile.list("grafana", "volumes")).contains("./ops/grafana/dashboards:/var/lib/grafana/dashboards:ro");
    }
}
