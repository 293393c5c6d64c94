package com.bulkimport.worker.metrics;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker's metrics on /actuator/prometheus, under the names the ops dashboards and alerts read. */
class WorkerMetricsIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    Environment environment;

    private String scrape() {
        JsonHttp.Response response = new JsonHttp("http://127.0.0.1:" + environment.getProperty("local.management.port"))
                .get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(0.0);
    }

    @Test
    void rowsByKindAndOutcomeBatchDurationsJobsAndQueues() {
        String before = scrape();

        UUID jobId = importFile("dishes", utf8("restaurant_external_id,name\nNOPE,Soup\n"), "{}");
        importFile("customers", utf8("customer_ref,name,email\nM1,Ann,ann@example.com\nM2,Bo,bad\nM1,Ann,ann@example.com\n"
                + "M3,Cy,\n"), "{}");

        String after = scrape();
        assertThat(value(after, "bulkimport_import_rows_total{kind=\"customers\",outcome=\"created\"}")
                - value(before, "bulkimport_import_rows_total{kind=\"customers\",outcome=\"created\"}")).isEqualTo(2.0);
        assertThat(value(after, "bulkimport_import_rows_total{kind=\"customers\",outcome=\"error\"}")
                - value(before, "bulkimport_import_rows_total{kind=\"customers\",outcome=\"error\"}")).isEqualTo(1.0);
        assertThat(value(after, "bulkimport_import_rows_total{kind=\"customers\",outcome=\"duplicate\"}")
                - value(before, "bulkimport_import_rows_total{kind=\"customers\",outcome=\"duplicate\"}")).isEqualTo(1.0);
        assertThat(value(after, "bulkimport_import_rows_total{kind=\"dishes\",outcome=\"error\"}")
                - value(before, "bulkimport_import_rows_total{kind=\"dishes\",outcome=\"error\"}")).isEqualTo(1.0);
        assertThat(value(after, "bulkimport_batch_duration_seconds_count{kind=\"customers\"}")
                - value(before, "bulkimport_batch_duration_seconds_count{kind=\"customers\"}")).isEqualTo(1.0);
        assertThat(after).contains("bulkimport_batch_duration_seconds_bucket{kind=\"customers\",le=\"")
                .contains("bulkimport_jobs{status=\"COMPLETED\"}").contains("bulkimport_queue_depth{queue=\"work-dlq\"}");
        assertThat(job(jobId)).containsEntry("status", "COMPLETED_WITH_ERRORS");
    }
}
