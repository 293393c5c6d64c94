package com.bulkimport.ops;

import com.bulkimport.local.LocalStack;
import com.bulkimport.local.SignedInHttp;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the dashboard and the alert rules query exists in a running stack: the three
 * services on the embedded servers, after one small import, scraped on their management ports.
 */
class MetricsContractIntegrationTest {

    static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalInfra.shared(), LocalStack.Ports.ANY,
                Map.of("bulkimport.worker.wait-time", "1s", "bulkimport.relay.poll-interval", "50ms"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** The bulkimport metrics one service exports; the status goes into the report, so a 404 is seen. */
    private static Set<String> scrape(String service, String managementUrl, Map<String, Integer> statuses,
                                      List<Series> series) {
        JsonHttp.Response response = new JsonHttp(managementUrl).get("/actuator/prometheus");
        statuses.put(service, response.status());
        Set<String> metrics = new TreeSet<>();
        if (response.status() != 200) {
            return metrics;
        }
        for (String line : response.body().split("\n")) {
            if (line.startsWith("bulkimport_")) {
                metrics.add(MetricNames.metric(line.split("[{ ]", 2)[0]));
                series.add(Series.parse(line.substring(0, line.lastIndexOf(' '))));
            }
        }
        return metrics;
    }

    /** A series as {@code name{label="value", …}}: what a scrape line and a promtool input series both start with. */
    record Series(String name, Map<String, String> labels) {

        private static final Pattern LABEL = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"\\s*,?");

        static Series parse(String text) {
            int brace = text.indexOf('{');
            if (brace < 0) {
                return new Series(text.strip(), Map.of());
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher m = LABEL.matcher(text.substring(brace + 1, text.lastIndexOf('}')));
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
            return new Series(text.substring(0, brace).strip(), labels);
        }

        /** Without the labels Prometheus adds when it scrapes (prometheus.yml's job, instance and service). */
        Series asExported() {
            Map<String, String> own = new TreeMap<>(labels);
            own.keySet().removeAll(Set.of("job", "instance", "service"));
            return new Series(name, own);
        }

        boolean matches(Series scraped) {
            return name.equals(scraped.name()) && scraped.labels().entrySet().containsAll(labels.entrySet());
        }
    }

    /** The input series of the promtool tests of the alert rules (ops/prometheus/alerts.test.yml). */
    @SuppressWarnings("unchecked")
    private static Set<Series> promtoolSeries() {
        Map<String, Object> tests = new Yaml().load(Repository.read("ops/prometheus/alerts.test.yml"));
        Set<Series> series = new java.util.LinkedHashSet<>();
        for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
            for (Map<String, Object> input : (List<Map<String, Object>>) test.get("input_series")) {
                series.add(Series.parse((String) input.get("series")).asExported());
            }
        }
        return series;
    }

    private static String importAndWait() throws InterruptedException {
        // every API call is signed in: alice, from the stack's own sign-in server
        SignedInHttp api = SignedInHttp.as(stack, "alice");
        JsonHttp.Response created = api.postJson("/api/imports/rows", Map.of("kind", "restaurants", "rows", List.of(
                Map.of("external_id", "metrics-1", "name", "Metrics One"),
                Map.of("external_id", "metrics-2", "name", "Metrics Two"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("job_id").asString();
        for (int i = 0; i < 600; i++) {
            String status = api.get("/api/imports/" + id).json().get("status").asString();
            if (status.startsWith("COMPLETED") || status.equals("FAILED")) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish in 60 s");
    }

    @Test
    void everyMetricTheDashboardsAndAlertsQueryIsExported() throws Exception {
        assertThat(importAndWait()).isEqualTo("COMPLETED");
        Map<String, Integer> statuses = new TreeMap<>();
        Set<String> exported = new TreeSet<>();
        List<Series> scraped = new ArrayList<>();
        exported.addAll(scrape("import-api", stack.apiManagementUrl(), statuses, scraped));
        exported.addAll(scrape("outbox-relay", stack.relayManagementUrl(), statuses, scraped));
        exported.addAll(scrape("batch-worker", stack.workerManagementUrl(), statuses, scraped));

        Set<String> missing = new TreeSet<>(MetricNames.CONTRACT);
        missing.removeAll(exported);
        assertThat(missing).as("queried by ops/ but exported by no service (/actuator/prometheus answered " + statuses + ")")
                .isEmpty();
        assertThat(statuses).isEqualTo(Map.of("import-api", 200, "outbox-relay", 200, "batch-worker", 200));

        // the alert rules' promtool tests feed series the services really export, with the labels they export
        Set<Series> promtool = promtoolSeries();
        assertThat(promtool).hasSizeGreaterThan(5);
        assertThat(promtool.stream().filter(s -> scraped.stream().noneMatch(s::matches)).toList())
                .as("promtool input series that no service exports").isEmpty();
    }
}
