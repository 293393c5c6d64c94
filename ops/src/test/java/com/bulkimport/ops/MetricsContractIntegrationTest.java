package com.bulkimport.ops;

import com.bulkimport.local.LocalStack;
import com.bulkimport.local.SignedInHttp;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
    private static Set<String> scrape(String service, String managementUrl, Map<String, Integer> statuses) {
        JsonHttp.Response response = new JsonHttp(managementUrl).get("/actuator/prometheus");
        statuses.put(service, response.status());
        Set<String> metrics = new TreeSet<>();
        if (response.status() != 200) {
            return metrics;
        }
        for (String line : response.body().split("\n")) {
            if (line.startsWith("bulkimport_")) {
                metrics.add(MetricNames.metric(line.split("[{ ]", 2)[0]));
            }
        }
        return metrics;
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
        exported.addAll(scrape("import-api", stack.apiManagementUrl(), statuses));
        exported.addAll(scrape("outbox-relay", stack.relayManagementUrl(), statuses));
        exported.addAll(scrape("batch-worker", stack.workerManagementUrl(), statuses));

        Set<String> missing = new TreeSet<>(MetricNames.CONTRACT);
        missing.removeAll(exported);
        assertThat(missing).as("queried by ops/ but exported by no service (/actuator/prometheus answered " + statuses + ")")
                .isEmpty();
        assertThat(statuses).isEqualTo(Map.of("import-api", 200, "outbox-relay", 200, "batch-worker", 200));
    }
}
