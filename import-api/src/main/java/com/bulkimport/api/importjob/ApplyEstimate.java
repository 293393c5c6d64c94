package com.bulkimport.api.importjob;

import java.time.Duration;
import java.time.Instant;

/**
 * When an applying job ends (docs/architecture.md, "Progress and ETA"), from its apply's recent pace rather than
 * its average: the apply beside a read runs slower than the apply after it, and an average since the start
 * carries the slow part into every later estimate.
 */
final class ApplyEstimate {

    /** The span the recent pace is measured over. */
    static final Duration WINDOW = Duration.ofSeconds(20);
    /** Fewer batches than this in the span say too little: the estimate goes by the average then. */
    static final int MIN_BATCHES = 3;
    /** Nor does a span shorter than this. */
    static final double MIN_SECONDS = 2.0;

    private ApplyEstimate() {
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
