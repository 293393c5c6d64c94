package com.bulkimport.api.importjob;

import java.time.Duration;
import java.time.Instant;

/**
 * Progress while the file is still being read (docs/architecture.md, "Progress and ETA"): the share of the
 * stored file read (its compressed bytes, for gzip), the rows it will hold at the density read so far, and
 * when the whole job will end: the rest of the read at the pace so far, then the apply of the estimated
 * rows at the deployment's recent apply speed, or, before any import was applied, at
 * {@link #APPLY_TIME_PER_READ_TIME} times the time the read takes.
 *
 * @param percentage         of the file read, to one decimal, below 100 until the ingest is over
 * @param estimatedTotalRows null until some rows were read
 * @param completion         null until some of the file was read and the job has a start
 */
record ReadingEstimate(double percentage, Long estimatedTotalRows, Instant completion) {

    /**
     * Applying a row takes about five times what reading, checking and staging it does (measured by
     * bench/import-throughput, a million product rows each announced: 12 s of ingest then 54 s of apply on
     * an idle machine, 4.5; 9.5 s then 56 s for 300,000 rows on a busy one, 5.9).
     */
    static final double APPLY_TIME_PER_READ_TIME = 5.0;

    private static final ReadingEstimate NOTHING_YET = new ReadingEstimate(0.0, null, null);

    static ReadingEstimate of(Long fileSize, long bytesRead, long rowsRead, Instant readingSince, Instant now,
                              Double applyRowsPerSecond) {
        if (fileSize == null || fileSize <= 0 || bytesRead <= 0) {
            return NOTHING_YET;
        }
        double share = Math.min(1.0, (double) bytesRead / fileSize);
        double percentage = Math.min(99.9, Math.round(share * 1000) / 10.0);
        Long totalRows = rowsRead > 0 ? Math.max(rowsRead, Math.round(rowsRead / share)) : null;
        if (readingSince == null || totalRows == null) {
            return new ReadingEstimate(percentage, totalRows, null);
        }
        double readSoFar = Math.max(0.001, Duration.between(readingSince, now).toNanos() / 1e9);
        double readTotal = readSoFar / share;
        double applySeconds = applyRowsPerSecond != null && applyRowsPerSecond > 0
                ? totalRows / applyRowsPerSecond : readTotal * APPLY_TIME_PER_READ_TIME;
        double remaining = readTotal - readSoFar + applySeconds;
        return new ReadingEstimate(percentage, totalRows, now.plusMillis(Math.round(remaining * 1000)));
    }
}
