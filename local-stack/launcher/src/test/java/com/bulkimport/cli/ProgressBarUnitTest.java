package com.bulkimport.cli;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's bar for a file still being read, and for one being applied. */
class ProgressBarUnitTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String shown(String status) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8));
        JsonNode node = JSON.readTree(status);
        bar.show(node);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void whileReadingTheBarIsOfTheFileAndTheRowsAreAnEstimate() {
        String line = shown("""
                {"status": "INGESTING", "progress": {"phase": "reading", "percentage": 25.0, "total_rows": null,
                 "estimated_total_rows": 10000, "rows_read": 2500, "processed_rows": 0, "rows_per_second": 25.0},
                 "timestamps": {"estimated_completion": null}}""");

        assertThat(line).isEqualTo("\r[########                      ]  25.0% READING FILE   2,500/~10,000 rows read 25 rows/s");
    }

    @Test
    void whileApplyingTheBarIsOfTheRows() {
        String line = shown("""
                {"status": "APPLYING", "progress": {"phase": "applying", "percentage": 60.0, "total_rows": 10000,
                 "estimated_total_rows": null, "rows_read": 10000, "processed_rows": 6000, "rows_per_second": 100.0},
                 "timestamps": {"estimated_completion": null}}""");

        assertThat(line).isEqualTo("\r[##################            ]  60.0% APPLYING       6,000/10,000 rows 100 rows/s");
    }

    @Test
    void whileApplyingBeforeTheFileIsReadTheTotalIsAnEstimate() {
        String line = shown("""
                {"status": "APPLYING", "progress": {"phase": "applying", "percentage": 30.0, "total_rows": null,
                 "estimated_total_rows": 10000, "rows_read": 7000, "processed_rows": 3000, "rows_per_second": 100.0},
                 "timestamps": {"estimated_completion": null}}""");

        assertThat(line).isEqualTo("\r[#########                     ]  30.0% APPLYING       3,000/~10,000 rows 100 rows/s");
    }
}
