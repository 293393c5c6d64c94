package com.bulkimport.api.importjob;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reading phase's figures, worked out by hand: a file read at a steady pace, recorded at checkpoints as
 * the worker commits them, whose real end is known.
 */
class ReadingEstimateUnitTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aQuarterReadIn100sWithoutHistoryEndsAfterTheRestOfTheReadAndFiveTimesTheReadForTheApply() {
        // 1,000,000 of 4,000,000 bytes and 2,500 rows in 100 s: 10,000 rows in all, 300 s of read to go,
        // and the apply of a 400 s read takes 5 × 400 s = 2,000 s: the job ends 2,300 s from now
        Instant now = START.plusSeconds(100);

        ReadingEstimate estimate = ReadingEstimate.of(4_000_000L, 1_000_000, 2_500, START, now, null);

        assertThat(estimate.percentage()).isEqualTo(25.0);
        assertThat(estimate.estimatedTotalRows()).isEqualTo(10_000L);
        assertThat(estimate.completion()).isEqualTo(now.plusSeconds(2_300));
    }

    @Test
    void withARecentApplySpeedTheApplyTakesTheEstimatedRowsAtThatSpeed() {
        // 10,000 rows at 50 rows/s: 200 s of apply after the 300 s of read left
        Instant now = START.plusSeconds(100);

        ReadingEstimate estimate = ReadingEstimate.of(4_000_000L, 1_000_000, 2_500, START, now, 50.0);

        assertThat(estimate.completion()).isEqualTo(now.plusSeconds(500));
    }

    @Test
    void aSteadyJobsEstimateStaysOnItsRealEndFromTheFirstCheckpoint() {
        // a 10,000,000-byte file of 50,000 rows read at 100,000 bytes/s (100 s), then applied at 250 rows/s
        // (200 s): the job really ends at START + 300 s. Every checkpoint's estimate says so.
        Instant realEnd = START.plusSeconds(300);
        for (int second = 10; second < 100; second += 10) {
            Instant now = START.plusSeconds(second);
            long bytes = 100_000L * second;
            long rows = 500L * second;

            ReadingEstimate estimate = ReadingEstimate.of(10_000_000L, bytes, rows, START, now, 250.0);

            assertThat(estimate.completion()).as("at %d s", second).isEqualTo(realEnd);
            assertThat(estimate.estimatedTotalRows()).isEqualTo(50_000L);
            assertThat(estimate.percentage()).isEqualTo(second * 1.0);
        }
    }

    @Test
    void nothingReadYetOrNoSizeGivesNoEstimate() {
        Instant now = START.plusSeconds(5);

        assertThat(ReadingEstimate.of(4_000_000L, 0, 0, START, now, null))
                .isEqualTo(new ReadingEstimate(0.0, null, null));
        assertThat(ReadingEstimate.of(null, 1_000, 10, START, now, null))
                .isEqualTo(new ReadingEstimate(0.0, null, null));
        // the header only, so far: a share read but no row to count from
        assertThat(ReadingEstimate.of(4_000_000L, 40_000, 0, START, now, null))
                .isEqualTo(new ReadingEstimate(1.0, null, null));
    }

    @Test
    void aFileReadToItsEndStillShowsBelow100AndItsRowsExactly() {
        Instant now = START.plusSeconds(60);

        ReadingEstimate estimate = ReadingEstimate.of(4_000_000L, 4_000_000, 12_345, START, now, 100.0);

        assertThat(estimate.percentage()).isEqualTo(99.9);
        assertThat(estimate.estimatedTotalRows()).isEqualTo(12_345L);
        // nothing left to read; 12,345 rows at 100 rows/s: 123.45 s
        assertThat(estimate.completion()).isEqualTo(now.plusMillis(123_450));
    }
}
