package com.bulkimport.engine.job;

import com.bulkimport.model.JobStatus;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle's transitions are the state machine, no more and no less. */
class JobTransitionUnitTest {

    @Test
    void everyMoveTheStatusMachineAllowsIsMadeBySomeTransitionAndNoOther() {
        Set<String> allowed = new HashSet<>();
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : JobStatus.values()) {
                if (from.canMoveTo(to)) {
                    allowed.add(from + " -> " + to);
                }
            }
        }
        Set<String> made = new HashSet<>();
        for (JobTransition transition : JobTransition.values()) {
            transition.from().forEach(from -> made.add(from + " -> " + transition.target()));
        }
        assertThat(made).containsExactlyInAnyOrderElementsOf(allowed);
    }

    @Test
    void nothingLeavesAFinalStatus() {
        for (JobTransition transition : JobTransition.values()) {
            assertThat(transition.from()).as(transition.name()).noneMatch(JobStatus::isFinal);
        }
    }
}
