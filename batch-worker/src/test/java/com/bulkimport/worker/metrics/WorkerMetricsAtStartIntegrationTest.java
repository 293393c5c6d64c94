package com.bulkimport.worker.metrics;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.model.ImportKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker that has handled nothing yet already exports its import, batch and read-ahead metrics, at zero for
 * every kind and outcome, and the open dead letters: dashboards and absent() alerts see no gap before the first
 * import. (Its own property gives it an application context, so a meter registry, of its own.)
 */
@TestPropertySource(properties = "bulkimport.test.fresh-meter-registry=true")
class WorkerMetricsAtStartIntegrationTest extends WorkerIntegrationTest {

    static final List<String> OUTCOMES = List.of("created", "updated", "unchanged", "duplicate", "error");
    /** The waits of a read for its apply (ReadAhead), as the docs name them. */
    static final List<String> READ_HELD_OUTCOMES = List.of("caught_up", "apply_stalled", "claim_lost", "interrupted");

    @Autowired
    Environment environment;

    @Test
    void aFreshWorkerListsEveryImportAndBatchSeriesAtZero() {
        JsonHttp.Response response = new JsonHttp("http://127.0.0.1:" + environment.getProperty("local.management.port"))
                .get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        List<String> lines = response.body().lines().toList();

        List<String> expected = new ArrayList<>();
        for (ImportKind kind : ImportKind.values()) {
            for (String outcome : OUTCOMES) {
                expected.add("bulkimport_import_rows_total{kind=\"" + kind.wireName() + "\",outcome=\"" + outcome + "\"} 0.0");
            }
            expected.add("bulkimport_batch_duration_seconds_count{kind=\"" + kind.wireName() + "\"} 0");
            expected.add("bulkimport_batch_duration_seconds_sum{kind=\"" + kind.wireName() + "\"} 0.0");
            for (String outcome : READ_HELD_OUTCOMES) {
                expected.add("bulkimport_ingest_read_held_seconds_count{kind=\"" + kind.wireName() + "\",outcome=\""
                        + outcome + "\"} 0");
            }
            expected.add("bulkimport_ingest_read_reopened_total{kind=\"" + kind.wireName() + "\"} 0.0");
        }
        assertThat(lines).containsAll(expected);
        assertThat(lines).anyMatch(line -> line.startsWith("bulkimport_dead_letters_open "));
    }
}
