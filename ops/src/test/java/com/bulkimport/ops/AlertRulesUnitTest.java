package com.bulkimport.ops;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ops/prometheus/alerts.yml: open dead letters, DLQ not drained, outbox lag over a minute, failure rate over 5 %,
 * stuck jobs. How each behaves on series: AlertRulesPromtoolIntegrationTest.
 */
@SuppressWarnings("unchecked")
class AlertRulesUnitTest {

    static final List<Map<String, Object>> RULES = rules();

    private static List<Map<String, Object>> rules() {
        Map<String, Object> root = new Yaml().load(Repository.read("ops/prometheus/alerts.yml"));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) root.get("groups");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("name")).isEqualTo("bulk-import");
        return (List<Map<String, Object>>) groups.get(0).get("rules");
    }

    private static Map<String, Object> rule(String name) {
        return RULES.stream().filter(r -> name.equals(r.get("alert"))).findFirst().orElseThrow();
    }

    private static String expr(String name) {
        return ((String) rule(name).get("expr")).strip().replaceAll("\\s+", " ");
    }

    @Test
    void theFiveAlertsWithTheirWaitAndSeverity() {
        Map<String, List<Object>> summary = new LinkedHashMap<>();
        for (Map<String, Object> r : RULES) {
            summary.put((String) r.get("alert"), List.of(r.get("for"), ((Map<String, Object>) r.get("labels")).get("severity")));
        }
        assertThat(summary).containsExactly(
                Map.entry("DeadLettersOpen", List.of("1m", "page")),
                Map.entry("DeadLetterQueueNotEmpty", List.of("1m", "page")),
                Map.entry("OutboxLagHigh", List.of("2m", "page")),
                Map.entry("ImportJobFailureRateHigh", List.of("5m", "warn")),
                Map.entry("ImportJobsStuck", List.of("5m", "page")));
    }

    @Test
    void deadLettersNobodyRedrove() {
        assertThat(expr("DeadLettersOpen")).isEqualTo("max(bulkimport_dead_letters_open) > 0");
    }

    @Test
    void deadLetterQueueNotEmpty() {
        assertThat(expr("DeadLetterQueueNotEmpty")).isEqualTo("max by (queue) (bulkimport_queue_depth{queue=~\".*dlq.*\"}) > 0");
    }

    @Test
    void outboxLagOverOneMinute() {
        assertThat(expr("OutboxLagHigh")).isEqualTo("max(bulkimport_outbox_lag_seconds) > 60");
    }

    @Test
    void jobFailureRateOverFivePercent() {
        assertThat(expr("ImportJobFailureRateHigh")).isEqualTo(
                "sum(clamp_min(delta(bulkimport_jobs{status=\"FAILED\"}[1h]), 0)) / "
                        + "sum(clamp_min(delta(bulkimport_jobs{status=~\"COMPLETED|COMPLETED_WITH_ERRORS|FAILED\"}[1h]), 0)) > 0.05");
    }

    @Test
    void jobsInFlightWithoutProgressForFifteenMinutes() {
        assertThat(expr("ImportJobsStuck")).isEqualTo(
                "sum(bulkimport_jobs{status=~\"PENDING|INGESTING|APPLYING\"}) > 0 and on () "
                        + "(sum(increase(bulkimport_import_rows_total[15m])) or vector(0)) == 0");
    }

    @Test
    void everyAlertLinksARunbookAndReadsOnlyContractMetrics() {
        Set<String> used = new TreeSet<>();
        for (Map<String, Object> r : RULES) {
            Map<String, Object> annotations = (Map<String, Object>) r.get("annotations");
            assertThat(annotations).as((String) r.get("alert")).containsOnlyKeys("summary", "description", "runbook");
            assertThat((String) annotations.get("runbook")).startsWith("README.md#runbook-");
            used.addAll(MetricNames.in((String) r.get("expr")));
        }
        assertThat(used).containsExactly("bulkimport_dead_letters_open", "bulkimport_import_rows_total", "bulkimport_jobs",
                "bulkimport_outbox_lag_seconds", "bulkimport_queue_depth");
        assertThat(MetricNames.CONTRACT).containsAll(used);
    }
}
