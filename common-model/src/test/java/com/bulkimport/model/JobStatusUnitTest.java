package com.bulkimport.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;

import static com.bulkimport.model.JobStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

class JobStatusUnitTest {

    @Test
    void followsTheHappyPath() {
        assertThat(AWAITING_UPLOAD.canMoveTo(PENDING)).isTrue();
        assertThat(PENDING.canMoveTo(INGESTING)).isTrue();
        assertThat(INGESTING.canMoveTo(APPLYING)).isTrue();
        assertThat(INGESTING.canMoveTo(PREVIEW_READY)).isTrue();
        assertThat(PREVIEW_READY.canMoveTo(APPLYING)).isTrue();
        assertThat(APPLYING.canMoveTo(COMPLETED)).isTrue();
        assertThat(APPLYING.canMoveTo(COMPLETED_WITH_ERRORS)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"COMPLETED", "COMPLETED_WITH_ERRORS", "CANCELLED"})
    void finalStatesNeverMove(JobStatus terminal) {
        for (JobStatus next : JobStatus.values()) {
            assertThat(terminal.canMoveTo(next)).as(terminal + " -> " + next).isFalse();
        }
        assertThat(terminal.isFinal()).isTrue();
        assertThat(terminal.isRetryable()).isFalse();
        assertThat(terminal.hasStopped()).isTrue();
    }

    @Test
    void aFailedJobMovesOnlyByRetry() {
        assertThat(EnumSet.allOf(JobStatus.class).stream().filter(FAILED::canMoveTo))
                .containsExactlyInAnyOrder(PENDING, APPLYING);
        assertThat(FAILED.isFinal()).as("a retry may move it again").isFalse();
        assertThat(FAILED.isRetryable()).isTrue();
        assertThat(FAILED.hasStopped()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"AWAITING_UPLOAD", "PENDING", "INGESTING", "PREVIEW_READY",
            "APPLYING", "CANCELLING"})
    void runningStatesHaveNotStopped(JobStatus running) {
        assertThat(running.isFinal()).isFalse();
        assertThat(running.isRetryable()).isFalse();
        assertThat(running.hasStopped()).isFalse();
    }

    @Test
    void neverMovesBackwards() {
        assertThat(APPLYING.canMoveTo(INGESTING)).isFalse();
        assertThat(INGESTING.canMoveTo(PENDING)).isFalse();
        assertThat(PENDING.canMoveTo(AWAITING_UPLOAD)).isFalse();
    }

    @Test
    void everyLiveStateCanBeCancelled() {
        for (JobStatus live : EnumSet.of(PENDING, INGESTING, APPLYING)) {
            assertThat(live.canMoveTo(CANCELLING)).as(live.name()).isTrue();
        }
        assertThat(AWAITING_UPLOAD.canMoveTo(CANCELLED)).isTrue();
        assertThat(PREVIEW_READY.canMoveTo(CANCELLED)).isTrue();
        assertThat(CANCELLING.canMoveTo(CANCELLED)).isTrue();
    }

    @Test
    void predecessorsAreExactlyTheStatesThatMayMoveThere() {
        assertThat(predecessorsOf(PENDING)).containsExactlyInAnyOrder(AWAITING_UPLOAD, FAILED, PAUSED);
        assertThat(predecessorsOf(APPLYING)).containsExactlyInAnyOrder(INGESTING, PREVIEW_READY, FAILED, PAUSED);
        assertThat(predecessorsOf(CANCELLED)).containsExactlyInAnyOrder(AWAITING_UPLOAD, PREVIEW_READY, CANCELLING,
                PAUSED);
        assertThat(predecessorsOf(PAUSED)).containsExactlyInAnyOrder(PENDING, INGESTING, APPLYING);
    }

    @Test
    void aPausedJobIsNeitherRunningNorStopped() {
        assertThat(PAUSED.isLive()).as("nothing new starts for it without a resume").isFalse();
        assertThat(PAUSED.isFinal()).isFalse();
        assertThat(PAUSED.hasStopped()).as("a batch in flight when it paused still finishes").isFalse();
        assertThat(EnumSet.allOf(JobStatus.class).stream().filter(PAUSED::canMoveTo)).containsExactlyInAnyOrder(
                PENDING, APPLYING, CANCELLED, CANCELLING, COMPLETED, COMPLETED_WITH_ERRORS, FAILED);
        assertThat(PREVIEW_READY.canMoveTo(PAUSED)).as("nothing runs for a preview").isFalse();
        assertThat(CANCELLING.canMoveTo(PAUSED)).isFalse();
    }
}
