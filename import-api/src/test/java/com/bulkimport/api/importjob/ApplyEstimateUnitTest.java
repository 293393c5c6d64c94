package com.bulkimport.api.importjob;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ApplyEstimateUnitTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void theRecentPaceIsTheRowsOverTheSpanOnceItHoldsThreeBatchesAndTwoSeconds() {
        assertThat(ApplyEstimate.recentRate(new ImportJobRepository.RecentApply(3_000, 3, 20.0))).isEqualTo(150.0);
        assertThat(ApplyEstimate.recentRate(new ImportJobRepository.RecentApply(2_000, 2, 20.0))).isNull();
        assertThat(ApplyEstimate.recentRate(new ImportJobRepository.RecentApply(3_000, 3, 1.5))).isNull();
        assertThat(ApplyEstimate.recentRate(new ImportJobRepository.RecentApply(0, 3, 20.0))).isNull();
    }

    @Test
    void theRecentSpanIsTheLaterHalfOfTheApplyBetweenTwentySecondsAndTwoMinutes() {
        assertThat(ApplyEstimate.window(NOW.minusSeconds(10), NOW)).isEqualTo(Duration.ofSeconds(20));
        assertThat(ApplyEstimate.window(NOW.minusSeconds(40), NOW)).isEqualTo(Duration.ofSeconds(20));
        assertThat(ApplyEstimate.window(NOW.minusSeconds(95), NOW)).isEqualTo(Duration.ofMillis(47_500));
        assertThat(ApplyEstimate.window(NOW.minusSeconds(240), NOW)).isEqualTo(Duration.ofMinutes(2));
        assertThat(ApplyEstimate.window(NOW.minusSeconds(6_000), NOW)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void anApplyThatKeepsUpWithTheReadEndsWhatItIsBehindAfterTheRead() {
        // read ends in 60 s; 100,000 rows in all, 40,000 read, 35,000 applied, 2,000 rows/s: 120,000 more by the
        // end of the read would pass what will have been read, so the 5,000 it is behind are left: 2.5 s after it
        Instant eta = ApplyEstimate.whileReading(NOW, NOW.plusSeconds(60), 100_000, 40_000, 35_000, 2_000, 2_000);
        assertThat(eta).isEqualTo(NOW.plusMillis(62_500));
    }

    @Test
    void aSlowerApplyEndsWhenItsRowsAreDoneAtItsPace() {
        // 65,000 rows left at 500 rows/s: 130 s, whatever the read does
        Instant eta = ApplyEstimate.whileReading(NOW, NOW.plusSeconds(60), 100_000, 40_000, 35_000, 500, 500);
        assertThat(eta).isEqualTo(NOW.plusSeconds(130));
    }

    @Test
    void aReadThatShouldHaveEndedAlreadyCountsFromNow() {
        Instant eta = ApplyEstimate.whileReading(NOW, NOW.minusSeconds(5), 100_000, 99_000, 98_000, 1_000, 1_000);
        assertThat(eta).isEqualTo(NOW.plusSeconds(2));
    }

    @Test
    void theRowsLeftWhenTheReadEndsGoAtThePaceTheApplyHasWithoutIt() {
        // read ends in 60 s; 100,000 rows, 40,000 read, 20,000 applied at 500 rows/s: 30,000 more by then, and the
        // 50,000 left go at 1,500 rows/s once the read is over: 33.333 s after it
        Instant eta = ApplyEstimate.whileReading(NOW, NOW.plusSeconds(60), 100_000, 40_000, 20_000, 500, 1_500);
        assertThat(eta).isEqualTo(NOW.plusMillis(93_333));
    }

    @Test
    void aPaceAfterTheReadBelowThePaceBesideItIsNotTaken() {
        Instant eta = ApplyEstimate.whileReading(NOW, NOW.plusSeconds(60), 100_000, 40_000, 20_000, 500, 100);
        assertThat(eta).isEqualTo(NOW.plusSeconds(160));
    }

    @Test
    void theApplyGainsTheReadWeightForEachRowASecondTheReadTook() {
        assertThat(ApplyEstimate.afterRead(500, 800.0, 0.5)).isEqualTo(900.0);
        assertThat(ApplyEstimate.afterRead(500, 800.0, 0.0)).isEqualTo(500.0);
        assertThat(ApplyEstimate.afterRead(500, null, 0.5)).isEqualTo(500.0);
    }
}
