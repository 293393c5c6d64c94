package com.bulkimport.ops;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus scrapes each compose service on its management port and loads the alert rules compose mounts. */
@SuppressWarnings("unchecked")
class PrometheusConfigUnitTest {

    static final Map<String, Object> CONFIG = new Yaml().load(Repository.read("ops/prometheus/prometheus.yml"));

    @Test
    void scrapesTheThreeManagementPorts() {
        List<String> jobs = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) CONFIG.get("scrape_configs")) {
            Map<String, Object> target = ((List<Map<String, Object>>) job.get("static_configs")).get(0);
            jobs.add(job.get("job_name") + " " + job.get("metrics_path") + " " + target.get("targets") + " " + target.get("labels"));
        }
        assertThat(jobs).containsExactly(
                "import-api /actuator/prometheus [import-api:8081] {service=import-api}",
                "outbox-relay /actuator/prometheus [outbox-relay:9082] {service=outbox-relay}",
                "batch-worker /actuator/prometheus [batch-worker:9083] {service=batch-worker}");
        for (String service : List.of("import-api:8081", "outbox-relay:9082", "batch-worker:9083")) {
            String name = service.substring(0, service.indexOf(':'));
            String port = service.substring(service.indexOf(':') + 1);
            assertThat(ComposeFile.list(name, "ports")).as(name).contains("127.0.0.1:" + port + ":" + port);
        }
    }

    @Test
    void loadsTheAlertRulesComposeMounts() {
        assertThat(CONFIG.get("rule_files")).isEqualTo(List.of("/etc/prometheus/alerts.yml"));
        assertThat(ComposeFile.list("prometheus", "volumes")).contains("./ops/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        assertThat(CONFIG.get("global")).isEqualTo(Map.of("scrape_interval", "15s", "evaluation_interval", "15s"));
    }
}
