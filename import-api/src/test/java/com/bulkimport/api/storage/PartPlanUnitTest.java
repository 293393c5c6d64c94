package com.bulkimport.api.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartPlanUnitTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aFileIsCutIntoPartsOfTheConfiguredSizeTheLastHoldingTheRest() {
        PartPlan plan = PartPlan.of(64 * MB + 1, 16 * MB);

        assertThat(plan.partSize()).isEqualTo(16 * MB);
        assertThat(plan.partCount()).isEqualTo(5);
        assertThat(plan.sizeOf(1)).isEqualTo(16 * MB);
        assertThat(plan.sizeOf(4)).isEqualTo(16 * MB);
        assertThat(plan.sizeOf(5)).isEqualTo(1);
        assertThat(PartPlan.of(64 * MB, 16 * MB).partCount()).isEqualTo(4);
        assertThat(PartPlan.of(64 * MB, 16 * MB).sizeOf(4)).isEqualTo(16 * MB);
        assertThat(PartPlan.of(10, 16 * MB)).isEqualTo(new PartPlan(10, 16 * MB, 1));
        assertThatThrownBy(() -> plan.sizeOf(6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.sizeOf(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePartsGrowInWholeMebibytesSoNoFileNeedsMoreThanTenThousand() {
        long fiveTebibytes = 5 * 1024 * 1024 * MB;
        PartPlan largest = PartPlan.of(fiveTebibytes, 16 * MB);

        // 5 TiB / 10,000 = 524.288 MiB, rounded up to whole MiB: 525 MiB, so 9,987 parts, the last 230 MiB
        assertThat(largest.partSize()).isEqualTo(525 * MB);
        assertThat(largest.partCount()).isEqualTo(9_987);
        assertThat(largest.sizeOf(9_987)).isEqualTo(241_172_480L);
        // exactly 10,000 parts of 16 MiB still fit; one byte more grows the parts to 17 MiB
        assertThat(PartPlan.of(10_000 * 16 * MB, 16 * MB)).isEqualTo(new PartPlan(10_000 * 16 * MB, 16 * MB, 10_000));
        assertThat(PartPlan.of(10_000 * 16 * MB + 1, 16 * MB).partSize()).isEqualTo(17 * MB);
    }
}
