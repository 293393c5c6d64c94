package com.bulkimport.api.importjob;

import java.time.Duration;
import java.time.Instant;

/**
 * When an applying job ends (docs/architecture.md, "Progress and ETA"), from its apply's recent pace rather than
 * its average: the apply beside a read runs slower than the apply after it, and an average since the start
 * carries the slow part into every later estimate.
 */
final class ApplyEstimate {

    /** The shortest span the recent pace is measured over: its first batches' pace says little of the rest. */
    static final Duration SHORTEST_WINDOW = Duration.ofSeconds(20);
    /** The longest: a job slowed down (another tenant's import began) is seen slower within this. */
    static final Duration LONGEST_WINDOW = Duration.ofMinutes(2);
    /** Fewer batches than this in the span say too little: the estimate goes by the average then. */
    static final int MIN_BATCHES = 3;
    /** Nor does a span shorter than this. */
    static final double MIN_SECONDS = 2.0;

    private ApplyEstimate() {
    }

    /**
     * The span the recent pace is measured over: the later half of the apply so far, between {@link
     * #SHORTEST_WINDOW} and {@link #LONGEST_WINDOW}. Short while the job is young, so that its start (its first
     * events' way through the relay, the read's sprint to its bound) is soon forgotten; longer as it goes on, so
     * that a passing dip (an autovacuum pass, a checkpoint) does not swing the estimate: at four million products a
     * pace over the last 20 s alone put the ETA out by up to 0.23 of the job's duration, over the later half 0.15
     * (the same recorded run).
     */
    static Duration window(Instant applyStartedAt, Instant now) {
        Duration half = Duration.between(applyStartedAt, now).dividedBy(2);
        return half.compareTo(SHORTEST_WINDOW) < 0 ? SHORTEST_WINDOW
                : half.compareTo(LONGEST_WINDOW) > 0 ? LONGEST_WINDOW : half;
    }

    /** The recent pace in rows per second, or null when the span holds too little to say. */
    static Double recentRate(ImportJobRepository.RecentApply recent) {
        if (recent == null || recent.batches() < MIN_BATCHES || recent.seconds() < MIN_SECONDS || recent.rows() <= 0) {
            return null;
        }
        return recent.rows() / recent.seconds();
    }

    /**
     * A job whose batches apply while its file is still read. The read ends at {@code readEnd} (its pace so far);
     * until then the apply goes on at {@code rowsPerSecond}, and it cannot get ahead of the read: at least the rows
     * read and not yet applied now are still to apply when the read ends. The rest follows at {@code
     * afterReadRowsPerSecond}: the read and the apply share the processors, and what the read took goes to the
     * apply once it is over.
     *
     * @param totalRows the rows the file is estimated to hold
     */
    static Instant whileReading(Instant now, Instant readEnd, long totalRows, long rowsRead, long processedRows,
                                double rowsPerSecond, double afterReadRowsPerSecond) {
        Instant end = readEnd.isBefore(now) ? now : readEnd;
        double untilReadEnd = Duration.between(now, end).toNanos() / 1e9;
        double behindTheRead = Math.max(0, rowsRead - processedRows);
        double leftAtReadEnd = Math.max(behindTheRead, totalRows - processedRows - rowsPerSecond * untilReadEnd);
        double afterRead = Math.max(rowsPerSecond, afterReadRowsPerSecond);
        return end.plusMillis(Math.round(leftAtReadEnd / afterRead * 1000));
    }

    /**
     * The apply's pace once the read beside it is over: its pace now, plus {@code readWeight} rows a second for
     * each row a second the read takes ({@link ApplyRates#readWeight}).
     */
    static double afterRead(double rowsPerSecond, Double readRowsPerSecond, double readWeight) {
        return readRowsPerSecond == null ? rowsPerSecond : rowsPerSecond + readWeight * readRowsPerSecond;
    }
}
