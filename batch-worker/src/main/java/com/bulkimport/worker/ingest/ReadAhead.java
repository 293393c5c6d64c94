package com.bulkimport.worker.ingest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Holds a read beside its apply while it is too far ahead (docs/architecture.md, "Apply while ingesting"). Read
 * alone, a file stages faster than its batches apply: at four million products the read ran 861,000 rows ahead,
 * 673 MB of staging, and the ETA, which expects the apply to speed up once the read is over, was out by a quarter.
 * Held to a bound, the staging table holds about that many rows of the job (however big its file), the read takes
 * the processors only as fast as the apply frees them, and the job keeps one pace from start to end.
 * <p>
 * An apply that stops getting on does not hold the read for ever: its batches may wait for a worker thread (every
 * thread reading), for their tenant's fair share, or for a retry. Once no batch of the job was applied for {@code
 * patience} (since the last one applied, or the read's first look), the read goes on without waiting until one is.
 * One per read: it remembers the apply's last progress from chunk to chunk. Each look also sees whether the job is
 * still this worker's to read, so a pause or a cancel ends the wait at the next poll.
 */
final class ReadAhead {

    /** How often the rows ahead are looked at while the read waits: a primary-key read of the job row. */
    static final Duration POLL = Duration.ofMillis(100);

    /**
     * Where the job stands: rows read so far, rows processed (applied or refused) so far, batches applied (the
     * apply's progress: refused rows are counted in by the read itself), and whether its file is still this
     * worker's to read (not paused, cancelled, failed or taken over meanwhile).
     */
    record Position(long read, long processed, long batchesDone, boolean stillOurs) {

        long ahead() {
            return read - processed;
        }
    }

    /** What the wait sees and does: the worker's own in {@link FileIngestor}, a script in the unit test. */
    interface Job {

        Position position();

        /** Renews the read's claim; false when it is no longer this worker's (paused, cancelled, taken over). */
        boolean renewClaim();
    }

    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** What a wait ended with. */
    enum Outcome {
        /** the read was not ahead by more than the bound */
        NOT_AHEAD(false),
        /** the apply caught up */
        CAUGHT_UP(true),
        /** no batch applied for {@code patience}: the read goes on anyway */
        APPLY_STALLED(true),
        /** still no batch applied since the read stopped waiting for one: it goes on without waiting */
        STILL_STALLED(false),
        /** the read is no longer this worker's: the job was paused, cancelled, failed or taken over meanwhile */
        CLAIM_LOST(true),
        /** the thread was interrupted (the worker stops) */
        INTERRUPTED(true);

        private final boolean held;

        Outcome(boolean held) {
            this.held = held;
        }

        /** Whether the read waited: the outcomes the metric counts. */
        boolean held() {
            return held;
        }

        /** The metric's {@code outcome} tag. */
        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The tags of every outcome the metric counts, for its series to exist (at zero) before the first wait. */
        static List<String> heldTags() {
            return Arrays.stream(values()).filter(Outcome::held).map(Outcome::tag).toList();
        }
    }

    private final long maxRowsAhead;
    private final long patience;
    private final long renewEvery;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long lastBatchesDone = -1;
    private long lastProgress;

    /**
     * @param maxRowsAhead rows the read may be ahead of its apply (0: no bound); at least a batch, since the rows
     *                     after the last whole batch cannot apply until more are read
     * @param renewEvery   how often the read's claim is renewed while it waits (well within its lease)
     */
    ReadAhead(long maxRowsAhead, Duration patience, Duration renewEvery, LongSupplier nanoTime, Sleeper sleeper) {
        this.maxRowsAhead = maxRowsAhead;
        this.patience = patience.toNanos();
        this.renewEvery = renewEvery.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** For one read, from its start, of a job whose batches hold {@code batchSize} rows. */
    static ReadAhead of(IngestProperties properties, int batchSize) {
        long bound = properties.maxRowsAhead() == 0 ? 0 : Math.max(properties.maxRowsAhead(), batchSize);
        return new ReadAhead(bound, properties.aheadPatience(), properties.lease().dividedBy(4),
                System::nanoTime, duration -> Thread.sleep(duration.toMillis()));
    }

    /** Before the read's next chunk: returns once it may go on. */
    Outcome await(Job job) {
        if (maxRowsAhead <= 0) {
            return Outcome.NOT_AHEAD;
        }
        Position position = job.position();
        long now = nanoTime.getAsLong();
        if (!position.stillOurs()) {
            return Outcome.CLAIM_LOST;
        }
        noteProgress(position, now);
        if (position.ahead() <= maxRowsAhead) {
            return Outcome.NOT_AHEAD;
        }
        if (now - lastProgress >= patience) {
            return Outcome.STILL_STALLED;
        }
        long renewed = now;
        while (now - lastProgress < patience) {
            if (now - renewed >= renewEvery) {
                if (!job.renewClaim()) {
                    return Outcome.CLAIM_LOST;
                }
                renewed = now;
            }
            try {
                sleeper.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.INTERRUPTED;
            }
            position = job.position();
            now = nanoTime.getAsLong();
            if (!position.stillOurs()) {
                return Outcome.CLAIM_LOST;
            }
            noteProgress(position, now);
            if (position.ahead() <= maxRowsAhead) {
                return Outcome.CAUGHT_UP;
            }
        }
        return Outcome.APPLY_STALLED;
    }

    private void noteProgress(Position position, long now) {
        if (position.batchesDone() != lastBatchesDone) {
            lastBatchesDone = position.batchesDone();
            lastProgress = now;
        }
    }
}
