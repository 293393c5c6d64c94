package com.bulkimport.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code listen}'s line per event, from envelopes as the worker delivers them. */
class EventLineUnitTest {

    private static final String JOB = "7f3a09c2-5d1e-4c8b-9a0f-2b6c1d4e8f01";

    private static String line(String type, String status, String payload) {
        return EventLine.of(ApiClient.JSON.readTree("{\"event_id\":\"e1\",\"timestamp\":\"2026-12-04T03:20:01.123456Z\","
                + "\"event_type\":\"" + type + "\",\"source\":\"bulk-import.batch-worker\",\"version\":\"1.0\","
                + "\"status\":\"" + status + "\",\"payload\":" + payload + "}"));
    }

    @Test
    void aRecordEventNamesItsRecordAndItsJobShortened() {
        assertThat(line("RESTAURANT_CREATED", "CREATED", "{\"job_id\":\"" + JOB + "\",\"tenant\":\"acme\","
                + "\"kind\":\"restaurants\",\"record_id\":42,\"external_key\":\"R1\",\"record\":{\"name\":\"Sol\"}}"))
                .isEqualTo("2026-12-04T03:20:01Z RESTAURANT_CREATED restaurant 42 (R1) job 7f3a09c2…");
        assertThat(line("DISH_UPDATED", "UPDATED", "{\"job_id\":\"" + JOB + "\",\"kind\":\"dishes\",\"record_id\":7,"
                + "\"changes\":{\"price\":{\"before\":1,\"after\":2},\"name\":{\"before\":\"a\",\"after\":\"b\"}}}"))
                .isEqualTo("2026-12-04T03:20:01Z DISH_UPDATED dish 7 changed price, name job 7f3a09c2…");
    }

    @Test
    void aJobsEndNamesTheWholeJobAndItsCounts() {
        String counts = "\"total_rows\":3,\"processed_rows\":3,\"created\":2,\"updated\":0,\"unchanged\":0,"
                + "\"duplicates\":0,\"errors\":1";

        assertThat(line("IMPORT_JOB_COMPLETED", "COMPLETED_WITH_ERRORS", "{\"job_id\":\"" + JOB + "\","
                + "\"kind\":\"restaurants\",\"tenant\":\"acme\"," + counts + "}"))
                .isEqualTo("2026-12-04T03:20:01Z IMPORT_JOB_COMPLETED job " + JOB + " restaurants"
                        + " COMPLETED_WITH_ERRORS: 3 rows — 2 created, 0 updated, 0 unchanged, 0 duplicates, 1 errors");
        assertThat(line("IMPORT_JOB_FAILED", "FAILED", "{\"job_id\":\"" + JOB + "\",\"kind\":\"customers\","
                + counts + ",\"failure_code\":\"MISSING_COLUMN\",\"failure_reason\":\"required column name missing\"}"))
                .endsWith(" IMPORT_JOB_FAILED job " + JOB + " customers FAILED: 3 rows — 2 created, 0 updated,"
                        + " 0 unchanged, 0 duplicates, 1 errors; required column name missing");
        // rows left out at review: the field is there only when there are any
        assertThat(line("IMPORT_JOB_COMPLETED", "COMPLETED", "{\"job_id\":\"" + JOB + "\",\"kind\":\"customers\","
                + "\"total_rows\":3,\"processed_rows\":3,\"created\":2,\"updated\":0,\"unchanged\":0,"
                + "\"duplicates\":0,\"errors\":0,\"skipped\":1}"))
                .endsWith(" COMPLETED: 3 rows — 2 created, 0 updated, 0 unchanged, 0 duplicates, 0 errors,"
                        + " 1 skipped at review");
        assertThat(line("IMPORT_JOB_CREATED", "AWAITING_UPLOAD", "{\"job_id\":\"" + JOB + "\","
                + "\"kind\":\"restaurants\",\"file_name\":\"r.csv\"}"))
                .isEqualTo("2026-12-04T03:20:01Z IMPORT_JOB_CREATED job " + JOB + " restaurants r.csv");
    }

    @Test
    void aPauseSaysWhatWasDoneSoFarAndAResumeWhereTheJobGoesOn() {
        assertThat(line("IMPORT_JOB_PAUSED", "PAUSED", "{\"job_id\":\"" + JOB + "\",\"kind\":\"customers\","
                + "\"paused_from\":\"APPLYING\",\"total_rows\":450,\"processed_rows\":200,\"created\":200,"
                + "\"updated\":0,\"unchanged\":0,\"duplicates\":0,\"errors\":0}"))
                .isEqualTo("2026-12-04T03:20:01Z IMPORT_JOB_PAUSED job " + JOB + " customers while APPLYING: 450 rows"
                        + " — 200 created, 0 updated, 0 unchanged, 0 duplicates, 0 errors so far");
        assertThat(line("IMPORT_JOB_RESUMED", "APPLYING", "{\"job_id\":\"" + JOB + "\",\"kind\":\"customers\","
                + "\"processed_rows\":200,\"created\":200}"))
                .isEqualTo("2026-12-04T03:20:01Z IMPORT_JOB_RESUMED job " + JOB + " customers APPLYING");
    }

    @Test
    void aTypeThisVersionDoesNotKnowStillGetsItsTimeAndType() {
        assertThat(line("WEBHOOK_TEST", "TEST", "{\"tenant\":\"acme\"}"))
                .isEqualTo("2026-12-04T03:20:01Z WEBHOOK_TEST");
    }
}
