package com.bulkimport.api.importjob;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress, rate and ETA of {@code GET /api/imports/{id}} for jobs whose counters and timestamps are
 * set by SQL, as the worker leaves them; every expected number is worked out by hand in the test. A
 * job that is still running is measured against the time of the request, so its estimate is checked
 * to lie within the request's own start and end.
 */
class ImportJobProgressIntegrationTest extends ApiIntegrationTest {

    private static final Instant APPLY_START = Instant.parse("2026-01-01T10:00:00Z");

    /** One {@code import_jobs} row of alice's; the fields a test does not set keep a fresh job's values. */
    private final class JobRow {
        private final String status;
        private String mode = "COMMIT";
        private Long total;
        private long processed;
        private Long fileSize;
        private long ingestRow;
        private long ingestFileBytes;
        private long created;
        private long errors;
        private long duplicates;
        private Instant started;
        private Instant applyStarted;
        private long applyBase;
        private Instant completed;
        private String preview;
        private String options = "{}";

        JobRow(String status) {
            this.status = status;
        }

        JobRow rows(Long totalRows, long processedRows) {
            total = totalRows;
            processed = processedRows;
            return this;
        }

        /** What the worker commits with each chunk: rows read, and the stored file's bytes read of its size. */
        JobRow reading(long rowsRead, long bytesRead, long size) {
            ingestRow = rowsRead;
            ingestFileBytes = bytesRead;
            fileSize = size;
            return this;
        }

        JobRow counts(long createdRows, long errorRows, long duplicateRows) {
            created = createdRows;
            errors = errorRows;
            duplicates = duplicateRows;
            return this;
        }

        JobRow times(Instant startedAt, Instant applyStartedAt, Instant completedAt) {
            started = startedAt;
            applyStarted = applyStartedAt;
            completed = completedAt;
            return this;
        }

        /** processed_rows when apply last (re)started: a retry's, or the ingest's refused rows */
        JobRow applyBase(long rows) {
            applyBase = rows;
            return this;
        }

        JobRow options(String json) {
            options = json;
            return this;
        }

        JobRow preview(String json) {
            mode = "DRY_RUN";
            preview = json;
            return this;
        }

        UUID insert() {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, options, total_rows,
                                                     processed_rows, created_count, error_count, duplicate_count,
                                                     started_at, apply_started_at, apply_base_rows, completed_at, preview,
                                                     file_size, ingest_row, ingest_file_bytes)
                            VALUES (:id, :owner, :tenant, 'customers', :mode, :status, :file, :options::jsonb, :total,
                                    :processed, :created, :errors, :duplicates, :started, :applyStarted, :applyBase,
                                    :completed, :preview::jsonb, :fileSize, :ingestRow, :ingestFileBytes)""")
                    .param("id", id).param("owner", TestUser.ALICE.subject()).param("tenant", TestUser.ALICE.tenant())
                    .param("mode", mode).param("status", status).param("file", "progress-" + id + ".csv")
                    .param("total", total).param("processed", processed).param("created", created)
                    .param("errors", errors).param("duplicates", duplicates).param("started", timestamp(started))
                    .param("applyStarted", timestamp(applyStarted)).param("applyBase", applyBase)
                    .param("completed", timestamp(completed))
                    .param("preview", preview).param("fileSize", fileSize).param("ingestRow", ingestRow)
                    .param("ingestFileBytes", ingestFileBytes).param("options", options)
                    .update();
            return id;
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private JsonNode status(UUID id) {
        JsonHttp.Response response = http().get("/api/imports/" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void rowError(UUID job, long row, Long line, String column, String code, String message) {
        jdbc.sql("""
                        INSERT INTO import_row_errors (job_id, row_number, line_number, column_name, code, message)
                        VALUES (:job, :row, :line, :column, :code, :message)""")
                .param("job", job).param("row", row).param("line", line).param("column", column).param("code", code)
                .param("message", message).update();
    }

    @Test
    void aJobWithNoRowsYetAndNoTotalHasNoRateNoEstimateAndNoErrors() {
        UUID id = new JobRow("INGESTING").rows(null, 0).times(Instant.now().minusSeconds(30), null, null).insert();

        JsonNode job = status(id);

        assertThat(job.path("progress").path("total_rows").isNull()).isTrue();
        assertThat(job.path("progress").path("processed_rows").asLong()).isZero();
        assertThat(job.path("progress").path("percentage").asDouble()).isEqualTo(0.0);
        assertThat(job.path("progress").path("rows_per_second").isNull()).isTrue();
        assertThat(job.path("timestamps").path("estimated_completion").isNull()).isTrue();
        assertThat(job.path("timestamps").path("completed_at").isNull()).isTrue();
        assertThat(job.path("recent_errors")).isEmpty();
        assertThat(job.path("error_report_url").isNull()).isTrue();
    }

    @Test
    void aFileBeingReadShowsTheShareOfItsBytesReadTheRowsItWillHoldAndAnEstimateBeyondTheRestOfTheRead() {
        // a quarter of 4,000,000 bytes read in 100 s, 2,500 rows in it: 10,000 rows expected, 25.0 rows/s, and
        // the job ends at least 300 s from now (the rest of the read), plus its apply (ReadingEstimateUnitTest)
        Instant started = Instant.now().minusSeconds(100);
        UUID id = new JobRow("INGESTING").rows(2_500L, 0).reading(2_500, 1_000_000, 4_000_000)
                .times(started, null, null).insert();

        Instant before = Instant.now();
        JsonNode job = status(id);

        JsonNode progress = job.path("progress");
        assertThat(progress.path("phase").asString()).isEqualTo("reading");
        assertThat(progress.path("percentage").asDouble()).isEqualTo(25.0);
        assertThat(progress.path("total_rows").isNull()).isTrue();
        assertThat(progress.path("estimated_total_rows").asLong()).isEqualTo(10_000);
        assertThat(progress.path("rows_read").asLong()).isEqualTo(2_500);
        assertThat(progress.path("bytes_read").asLong()).isEqualTo(1_000_000);
        assertThat(progress.path("rows_per_second").asDouble()).isEqualTo(25.0);
        assertThat(Instant.parse(job.path("timestamps").path("estimated_completion").asString()))
                .isAfter(before.plusSeconds(300));
    }

    @Test
    void anApplyingJobHasNoEstimatedTotalAndSaysItsPhase() {
        Instant now = Instant.now();
        UUID id = new JobRow("APPLYING").rows(100_000L, 60_000).reading(100_000, 9_000_000, 9_000_000)
                .times(now.minusSeconds(9_600), now.minusSeconds(6_000), null).insert();

        JsonNode progress = status(id).path("progress");

        assertThat(progress.path("phase").asString()).isEqualTo("applying");
        assertThat(progress.path("total_rows").asLong()).isEqualTo(100_000);
        assertThat(progress.path("estimated_total_rows").isNull()).isTrue();
        assertThat(progress.path("percentage").asDouble()).isEqualTo(60.0);
    }

    @Test
    void aJobApplyingWhileItsFileIsStillReadCountsItsRowsAgainstTheRowsTheFileWillHold() {
        // half of 4,000,000 bytes read, 5,000 rows in it: about 10,000 rows; 3,000 of them processed is 30 %
        Instant now = Instant.now();
        UUID id = new JobRow("APPLYING").rows(5_000L, 3_000).reading(5_000, 2_000_000, 4_000_000)
                .times(now.minusSeconds(100), now.minusSeconds(95), null).insert();
        jdbc.sql("UPDATE import_jobs SET still_reading = true WHERE id = :id").param("id", id).update();

        JsonNode job = status(id);

        JsonNode progress = job.path("progress");
        assertThat(progress.path("phase").asString()).isEqualTo("applying");
        assertThat(progress.path("total_rows").isNull()).isTrue();
        assertThat(progress.path("estimated_total_rows").asLong()).isEqualTo(10_000);
        assertThat(progress.path("rows_read").asLong()).isEqualTo(5_000);
        assertThat(progress.path("percentage").asDouble()).isEqualTo(30.0);
        assertThat(job.path("timestamps").path("estimated_completion").isNull()).isFalse();
    }

    @Test
    void earlyInItsFirstApplyTheEstimateBlendsTheJobsRateWithFiveTimesItsRead() {
        // read for 400 s, applying for 100 s, 1,000 of 100,000 rows done (a fifth of the first twentieth):
        // its own 10 rows/s weighs 0.2, the 100,000 rows in 5 × 400 s (50 rows/s) expected 0.8: 42 rows/s,
        // 99,000 rows to go in 2,357.14 s. (events "summary": no finished customers import of that kind here)
        Instant now = Instant.now();
        UUID id = new JobRow("APPLYING").rows(100_000L, 1_000).counts(1_000, 0, 0).options("{\"events\": \"summary\"}")
                .times(now.minusSeconds(500), now.minusSeconds(100), null).insert();

        Instant before = Instant.now();
        JsonNode job = status(id);
        Instant after = Instant.now();

        assertThat(job.path("progress").path("rows_per_second").asDouble()).isEqualTo(10.0);
        assertThat(Instant.parse(job.path("timestamps").path("estimated_completion").asString()))
                .isBetween(before.plusMillis(2_357_142 - 1_000), after.plusMillis(2_357_143 + 1_000));
    }

    @Test
    void anApplyingJobsRateCountsFromTheApplyStartAndItsEstimateFollowsFromIt() {
        // 60,000 of 100,000 rows in the 6,000 s since apply started: 10 rows/s, 40,000 rows (4,000 s) to go.
        // The hour of ingest before it does not count. A request a few seconds late still rounds to 10.0.
        Instant now = Instant.now();
        UUID id = new JobRow("APPLYING").rows(100_000L, 60_000).counts(60_000, 0, 0)
                .times(now.minusSeconds(9_600), now.minusSeconds(6_000), null).insert();

        Instant before = Instant.now();
        JsonNode job = status(id);
        Instant after = Instant.now();

        assertThat(job.path("progress").path("percentage").asDouble()).isEqualTo(60.0);
        assertThat(job.path("progress").path("rows_per_second").asDouble()).isEqualTo(10.0);
        Instant eta = Instant.parse(job.path("timestamps").path("estimated_completion").asString());
        assertThat(eta).isBetween(before.plusSeconds(4_000), after.plusSeconds(4_000));
    }

    @Test
    void anApplyingJobsEstimateGoesByTheBatchesAppliedInItsRecentSpan() {
        // 60,000 of 100,000 rows in the 6,000 s since apply started (10 rows/s on average), but the last 2 min (the
        // later half of the apply, at most 2 min) applied thirty batches of 1,000 rows: 250 rows/s, 40,000 rows
        // (160 s) to go. The batches applied long ago and one still pending do not count.
        Instant now = Instant.now();
        UUID id = new JobRow("APPLYING").rows(100_000L, 60_000).counts(60_000, 0, 0)
                .times(now.minusSeconds(9_600), now.minusSeconds(6_000), null).insert();
        for (int seq = 0; seq < 30; seq++) {
            batch(id, seq, 1_000, "DONE", now.minusSeconds(3_000));
        }
        for (int seq = 30; seq < 60; seq++) {
            batch(id, seq, 1_000, "DONE", now.minusSeconds(3L * (60 - seq)));
        }
        batch(id, 60, 1_000, "PENDING", now.minusSeconds(1));

        Instant before = Instant.now();
        JsonNode job = status(id);
        Instant after = Instant.now();

        assertThat(job.path("progress").path("rows_per_second").asDouble()).isEqualTo(10.0);
        assertThat(Instant.parse(job.path("timestamps").path("estimated_completion").asString()))
                .isBetween(before.plusMillis(160_000 - 500), after.plusMillis(160_000 + 500));
    }

    @Test
    void aJobApplyingWhileItsFileIsReadEndsWithItsReadPlusWhatTheApplyHasNotCaughtUpWith() {
        // half of 4,000,000 bytes read in 100 s: the read ends 100 s from now, and the file holds about 10,000
        // rows; 5,000 are read and 3,000 applied.
        Instant now = Instant.now();
        // Once the read is over, the apply gains the share of the processors the read took: with no history
        // here, 0.5 rows a second (ApplyRates.DEFAULT_READ_WEIGHT) for each of the read's 50 rows a second
        // (5,000 rows in 100 s), 25 rows/s.
        // The apply keeps up with the read (100 rows/s in the last 20 s): the 2,000 rows it is behind now are
        // left when the read ends, 2,000 / 125 = 16 s more
        UUID keepsUp = readingWhileApplying(now, 500);
        // the apply is slower (20 rows/s): by the end of the read it has done 2,000 of the 7,000 rows left;
        // the other 5,000 go at 45 rows/s after it: 111.111 s more, 211.111 s from now in all
        UUID fallsBehind = readingWhileApplying(now, 100);

        Instant before = Instant.now();
        JsonNode first = status(keepsUp);
        JsonNode second = status(fallsBehind);
        Instant after = Instant.now();

        assertThat(Instant.parse(first.path("timestamps").path("estimated_completion").asString()))
                .isBetween(before.plusMillis(116_000 - 1_500), after.plusMillis(116_000 + 500));
        assertThat(Instant.parse(second.path("timestamps").path("estimated_completion").asString()))
                .isBetween(before.plusMillis(211_111 - 1_500), after.plusMillis(211_111 + 500));
    }

    /**
     * An APPLYING job still reading, as above, whose apply began 30 s ago (so its recent span is the shortest, 20 s,
     * until it is 40 s old: a span of half its age would move with the time the test takes) and whose last 20 s
     * applied four batches of {@code batchRows} rows.
     */
    private UUID readingWhileApplying(Instant now, int batchRows) {
        UUID id = new JobRow("APPLYING").rows(5_000L, 3_000).reading(5_000, 2_000_000, 4_000_000)
                .times(now.minusSeconds(100), now.minusSeconds(30), null).insert();
        jdbc.sql("UPDATE import_jobs SET still_reading = true WHERE id = :id").param("id", id).update();
        for (int seq = 0; seq < 4; seq++) {
            batch(id, seq, batchRows, "DONE", now.minusSeconds(4L * (seq + 1)));
        }
        return id;
    }

    private void batch(UUID job, int seq, int rows, String status, Instant updatedAt) {
        jdbc.sql("""
                        INSERT INTO import_batches (id, job_id, seq, first_row, row_count, status, updated_at)
                        VALUES (:id, :job, :seq, :first, :rows, :status, :updated)""")
                .param("id", UUID.randomUUID()).param("job", job).param("seq", seq).param("first", seq * 1_000L + 1)
                .param("rows", rows).param("status", status).param("updated", timestamp(updatedAt)).update();
    }

    @Test
    void aRetriedJobsRateCountsOnlyTheRowsProcessedSinceTheRetry() {
        // the first attempt got 60,000 of 100,000 rows in; the retry 1,000 s ago has processed 5,000 more:
        // 5 rows/s (not 65,000 over 1,000 s), 35,000 rows (7,000 s) to go
        Instant now = Instant.now();
        UUID id = new JobRow("APPLYING").rows(100_000L, 65_000).counts(65_000, 0, 0).applyBase(60_000)
                .times(now.minusSeconds(9_000), now.minusSeconds(1_000), null).insert();

        Instant before = Instant.now();
        JsonNode job = status(id);
        Instant after = Instant.now();

        assertThat(job.path("progress").path("rows_per_second").asDouble()).isEqualTo(5.0);
        assertThat(Instant.parse(job.path("timestamps").path("estimated_completion").asString()))
                .isBetween(before.plusSeconds(7_000), after.plusSeconds(7_000));
    }

    @Test
    void aRetryThatHasProcessedNothingYetHasNoRateAndNoEstimate() {
        Instant now = Instant.now();
        UUID id = new JobRow("APPLYING").rows(100_000L, 60_000).applyBase(60_000)
                .times(now.minusSeconds(9_000), now.minusSeconds(10), null).insert();

        JsonNode job = status(id);

        assertThat(job.path("progress").path("percentage").asDouble()).isEqualTo(60.0);
        assertThat(job.path("progress").path("rows_per_second").isNull()).isTrue();
        assertThat(job.path("timestamps").path("estimated_completion").isNull()).isTrue();
    }

    @Test
    void withoutAnApplyStartTheRateCountsFromTheJobsStart() {
        Instant now = Instant.now();
        UUID id = new JobRow("APPLYING").rows(100_000L, 30_000).times(now.minusSeconds(6_000), null, null).insert();

        Instant before = Instant.now();
        JsonNode job = status(id);
        Instant after = Instant.now();

        // 30,000 rows in 6,000 s: 5 rows/s; 70,000 to go: 14,000 s
        assertThat(job.path("progress").path("rows_per_second").asDouble()).isEqualTo(5.0);
        assertThat(Instant.parse(job.path("timestamps").path("estimated_completion").asString()))
                .isBetween(before.plusSeconds(14_000), after.plusSeconds(14_000));
    }

    @Test
    void aRunningJobsPercentageHasOneDecimalAndNeverReaches100() {
        Instant applying = Instant.now().minusSeconds(60);
        long[][] processedOfTotal = {{1, 3}, {2, 3}, {1, 7}, {999, 1_000}, {1_999, 2_000}, {0, 5}};
        double[] expected = {33.3, 66.7, 14.3, 99.9, 99.9, 0.0};
        List<Double> actual = new ArrayList<>();
        for (long[] rows : processedOfTotal) {
            UUID id = new JobRow("APPLYING").rows(rows[1], rows[0]).times(applying, applying, null).insert();
            actual.add(status(id).path("progress").path("percentage").asDouble());
        }
        assertThat(actual).containsExactly(expected[0], expected[1], expected[2], expected[3], expected[4], expected[5]);
    }

    @Test
    void aFinishedJobsRateIsOverItsApplyPhaseAndItsEstimateIsWhenItCompleted() {
        // 9,551 rows applied in the 40 s from 10:00:00 to 10:00:40: 238.775 rows/s, shown as 238.8
        Instant completed = APPLY_START.plusSeconds(40);
        UUID id = new JobRow("COMPLETED").rows(9_551L, 9_551).counts(9_551, 0, 0)
                .times(APPLY_START.minusSeconds(5), APPLY_START, completed).insert();

        JsonNode job = status(id);

        assertThat(job.path("progress").path("percentage").asDouble()).isEqualTo(100.0);
        assertThat(job.path("progress").path("rows_per_second").asDouble()).isEqualTo(238.8);
        assertThat(Instant.parse(job.path("timestamps").path("completed_at").asString())).isEqualTo(completed);
        assertThat(Instant.parse(job.path("timestamps").path("estimated_completion").asString())).isEqualTo(completed);
        assertThat(job.path("error_report_url").isNull()).isTrue();
    }

    @Test
    void aJobThatFailedPartWayShowsHowFarItGotAndOneWithoutATotalShowsItIsOver() {
        Instant failedAt = APPLY_START.plusSeconds(20);
        UUID partWay = new JobRow("FAILED").rows(10_000L, 4_000).times(APPLY_START, APPLY_START, failedAt).insert();
        UUID early = new JobRow("FAILED").rows(null, 0).times(APPLY_START, null, APPLY_START.plusSeconds(1)).insert();

        JsonNode failed = status(partWay);
        JsonNode failedEarly = status(early);

        assertThat(failed.path("progress").path("percentage").asDouble()).isEqualTo(40.0);
        assertThat(failed.path("progress").path("rows_per_second").asDouble()).isEqualTo(200.0);
        assertThat(Instant.parse(failed.path("timestamps").path("estimated_completion").asString())).isEqualTo(failedAt);
        assertThat(failedEarly.path("progress").path("percentage").asDouble()).isEqualTo(100.0);
        assertThat(failedEarly.path("progress").path("rows_per_second").isNull()).isTrue();
    }

    @Test
    void aPreviewWaitingForConfirmationHasNoRateAndNoEstimate() {
        // a dry run of 5 rows, one refused at ingest (counted as processed), the other four classified
        UUID id = new JobRow("PREVIEW_READY").rows(5L, 1).counts(0, 1, 0)
                .times(Instant.now().minusSeconds(130), Instant.now().minusSeconds(120), null)
                .preview("{\"created\": 3, \"updated\": 1, \"unchanged\": 0, \"duplicates\": 0, \"errors\": 1}").insert();
        rowError(id, 5, 6L, "email", "INVALID_EMAIL", "email 'nope' is not an e-mail address");

        JsonNode job = status(id);

        assertThat(job.path("mode").asString()).isEqualTo("DRY_RUN");
        assertThat(job.path("progress").path("percentage").asDouble()).isEqualTo(20.0);
        assertThat(job.path("progress").path("rows_per_second").isNull()).isTrue();
        assertThat(job.path("timestamps").path("estimated_completion").isNull()).isTrue();
        assertThat(job.path("preview").path("created").asLong()).isEqualTo(3);
        assertThat(job.path("recent_errors")).hasSize(1);
        assertThat(job.path("error_report_url").asString()).isEqualTo("/api/imports/" + id + "/errors.csv");
    }

    @Test
    void recentErrorsAreTheTenNewestNewestFirstAndTheReportIsLinked() {
        UUID id = new JobRow("COMPLETED_WITH_ERRORS").rows(40L, 40).counts(28, 9, 3)
                .times(APPLY_START, APPLY_START, APPLY_START.plusSeconds(2)).insert();
        // validation errors are written while the file is read, in-file duplicates after it: insertion order,
        // not row order, is what "newest" means
        for (int i = 1; i <= 9; i++) {
            rowError(id, 3L * i, 3L * i + 1, "email", "INVALID_EMAIL", "bad e-mail on row " + 3 * i);
        }
        for (int i = 1; i <= 3; i++) {
            rowError(id, i + 30L, null, null, "DUPLICATE_IN_FILE", "same record as row " + i);
        }

        JsonNode job = status(id);

        JsonNode recent = job.path("recent_errors");
        List<Long> rows = new ArrayList<>();
        recent.forEach(error -> rows.add(error.path("row_number").asLong()));
        assertThat(rows).containsExactly(33L, 32L, 31L, 27L, 24L, 21L, 18L, 15L, 12L, 9L);
        assertThat(recent.get(0).path("code").asString()).isEqualTo("DUPLICATE_IN_FILE");
        assertThat(recent.get(0).path("line_number").isNull()).isTrue();
        assertThat(recent.get(0).path("column").isNull()).isTrue();
        assertThat(recent.get(0).path("message").asString()).isEqualTo("same record as row 3");
        assertThat(recent.get(3).path("line_number").asLong()).isEqualTo(28);
        assertThat(recent.get(3).path("column").asString()).isEqualTo("email");
        assertThat(recent.get(3).path("code").asString()).isEqualTo("INVALID_EMAIL");
        assertThat(recent.get(3).path("message").asString()).isEqualTo("bad e-mail on row 27");
        assertThat(job.path("error_report_url").asString()).isEqualTo("/api/imports/" + id + "/errors.csv");

        // lists show the link but not the errors: one query per job would make a page slow
        JsonNode listed = http().get("/api/imports?file_name=progress-" + id).json().path("items").get(0);
        assertThat(listed.path("recent_errors")).isEmpty();
        assertThat(listed.path("error_report_url").asString()).isEqualTo("/api/imports/" + id + "/errors.csv");
    }

    @Test
    void duplicatesAloneAlsoLinkTheReport() {
        UUID id = new JobRow("COMPLETED").rows(3L, 3).counts(2, 0, 1)
                .times(APPLY_START, APPLY_START, APPLY_START.plus(Duration.ofMillis(1_500))).insert();
        rowError(id, 3, null, null, "DUPLICATE_IN_FILE", "same record as row 1");

        JsonNode job = status(id);

        // 3 rows in 1.5 s
        assertThat(job.path("progress").path("rows_per_second").asDouble()).isEqualTo(2.0);
        assertThat(job.path("recent_errors")).hasSize(1);
        assertThat(job.path("error_report_url").asString()).isEqualTo("/api/imports/" + id + "/errors.csv");
    }
}
