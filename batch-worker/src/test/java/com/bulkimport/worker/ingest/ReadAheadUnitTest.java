package com.bulkimport.worker.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read's wait for its apply, on a clock of its own: each poll moves it by {@link ReadAhead#POLL}, and the job
 * stands wherever the test's script says it does at that look. Bound 1,000 rows, patience 3 s, the claim renewed
 * every second.
 */
class ReadAheadUnitTest {

    private static final long BOUND = 1_000;
    private static final Duration PATIENCE = Duration.ofSeconds(3);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(1);
    private static final long POLL = ReadAhead.POLL.toNanos();

    private final long[] clock = {0};

    /** A job that stands at each look where its script says (its last position repeating). */
    private final class ScriptedJob implements ReadAhead.Job {
        final List<ReadAhead.Position> script = new ArrayList<>();
        final List<Long> renewedAt = new ArrayList<>();
        boolean claimHeld = true;
        int looks;

        /** {@code times} looks at: read rows, batches of 100 applied. */
        ScriptedJob then(int times, long read, long batchesDone) {
            for (int i = 0; i < times; i++) {
                script.add(new ReadAhead.Position(read, batchesDone * 100, batchesDone, true));
            }
            return this;
        }

        @Override
        public ReadAhead.Position position() {
            return script.get(Math.min(looks++, script.size() - 1));
        }

        @Override
        public boolean renewClaim() {
            renewedAt.add(clock[0]);
            return claimHeld;
        }
    }

    private ReadAhead readAhead(long bound) {
        return new ReadAhead(bound, PATIENCE, RENEW_EVERY, () -> clock[0], duration -> clock[0] += duration.toNanos());
    }

    @Test
    void aReadNoFurtherAheadThanTheBoundGoesOnAtOnce() {
        ScriptedJob job = new ScriptedJob().then(1, 1_500, 5);
        assertThat(readAhead(BOUND).await(job)).isEqualTo(ReadAhead.Outcome.NOT_AHEAD);
        assertThat(job.looks).isEqualTo(1);
        assertThat(clock[0]).isZero();
    }

    @Test
    void noBoundNeverLooks() {
        ScriptedJob job = new ScriptedJob().then(1, 5_000_000, 0);
        assertThat(readAhead(0).await(job)).isEqualTo(ReadAhead.Outcome.NOT_AHEAD);
        assertThat(job.looks).isZero();
    }

    @Test
    void aReadTooFarAheadWaitsUntilTheApplyBringsItWithinTheBound() {
        // 3,000 read; a batch of 100 applied every five looks until 2,000 are: 1,000 ahead at the 101st look
        ScriptedJob job = new ScriptedJob();
        for (int done = 0; done < 20; done++) {
            job.then(5, 3_000, done);
        }
        job.then(1, 3_000, 20);
        assertThat(readAhead(BOUND).await(job)).isEqualTo(ReadAhead.Outcome.CAUGHT_UP);
        assertThat(job.looks).isEqualTo(101);
        assertThat(clock[0]).as("100 polls slept").isEqualTo(100 * POLL);
        assertThat(job.renewedAt).as("the claim renewed every second while it waited")
                .containsExactly(RENEW_EVERY.toNanos(), 2 * RENEW_EVERY.toNanos(), 3 * RENEW_EVERY.toNanos(),
                        4 * RENEW_EVERY.toNanos(), 5 * RENEW_EVERY.toNanos(), 6 * RENEW_EVERY.toNanos(),
                        7 * RENEW_EVERY.toNanos(), 8 * RENEW_EVERY.toNanos(), 9 * RENEW_EVERY.toNanos());
    }

    @Test
    void anApplyThatAppliesNothingForThePatienceLetsTheReadGoOnAndNoLongerHoldsItUntilItDoes() {
        // one batch applied after a second, then nothing: the patience counts from that batch
        ScriptedJob job = new ScriptedJob().then(10, 3_000, 0).then(1, 3_000, 1);
        ReadAhead readAhead = readAhead(BOUND);
        assertThat(readAhead.await(job)).isEqualTo(ReadAhead.Outcome.APPLY_STALLED);
        assertThat(clock[0]).isEqualTo(10 * POLL + PATIENCE.toNanos());

        // the next chunks read on at once while no batch applies
        long stalledAt = clock[0];
        job.then(1, 4_000, 1);
        assertThat(readAhead.await(job)).isEqualTo(ReadAhead.Outcome.STILL_STALLED);
        assertThat(clock[0]).isEqualTo(stalledAt);

        // a batch applied: the read waits for the apply again
        job.script.clear();
        job.looks = 0;
        job.then(1, 5_000, 2).then(10, 5_000, 3).then(1, 5_000, 40);
        assertThat(readAhead.await(job)).isEqualTo(ReadAhead.Outcome.CAUGHT_UP);
        assertThat(clock[0]).isEqualTo(stalledAt + 11 * POLL);
    }

    @Test
    void aReadWhoseClaimIsLostStopsWaiting() {
        ScriptedJob job = new ScriptedJob();
        for (int done = 0; done < 20; done++) {
            job.then(1, 3_000, done);
        }
        job.claimHeld = false;
        assertThat(readAhead(BOUND).await(job)).isEqualTo(ReadAhead.Outcome.CLAIM_LOST);
        assertThat(clock[0]).isEqualTo(RENEW_EVERY.toNanos());
    }

    @Test
    void aReadPausedOrCancelledWhileItWaitsStopsWaitingAtTheNextLook() {
        ScriptedJob job = new ScriptedJob().then(3, 3_000, 0);
        job.script.add(new ReadAhead.Position(3_000, 0, 0, false));
        assertThat(readAhead(BOUND).await(job)).isEqualTo(ReadAhead.Outcome.CLAIM_LOST);
        assertThat(job.looks).isEqualTo(4);
        assertThat(clock[0]).isEqualTo(3 * POLL);
        assertThat(job.renewedAt).as("no renewal needed to notice").isEmpty();
    }

    @Test
    void anInterruptedWaitEndsWithTheInterruptKept() {
        ReadAhead interrupted = new ReadAhead(BOUND, PATIENCE, RENEW_EVERY, System::nanoTime, duration -> {
            throw new InterruptedException("the worker stops");
        });
        try {
            assertThat(interrupted.await(new ScriptedJob().then(1, 3_000, 0)))
                    .isEqualTo(ReadAhead.Outcome.INTERRUPTED);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
