package com.bulkimport.cli;

import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * One self-rewriting line on stderr: bar, percentage, rows, rate and the whole job's ETA. While the file is
 * read the bar is of its bytes and the rows an estimate; then it is of the rows applied.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private int lastLength;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    synchronized void show(JsonNode status) {
        JsonNode progress = status.path("progress");
        double percentage = progress.path("percentage").asDouble(0);
        int filled = (int) Math.round(percentage / 100 * WIDTH);
        String rate = progress.path("rows_per_second").isNumber()
                ? String.format("%,.0f rows/s", progress.path("rows_per_second").asDouble()) : "";
        String eta = eta(status.path("timestamps").path("estimated_completion").asString(""));
        boolean reading = "reading".equals(progress.path("phase").asString(""));
        String total;
        if (reading) {
            // the percentage is of the file's bytes; the rows it holds are an estimate until it is read
            total = progress.path("estimated_total_rows").isNumber()
                    ? String.format("%,d/~%,d rows read", progress.path("rows_read").asLong(),
                            progress.path("estimated_total_rows").asLong())
                    : "";
        } else if (progress.path("estimated_total_rows").isNumber()) {
            // applying while the file is still read: the total is an estimate until its end
            total = String.format("%,d/~%,d rows", progress.path("processed_rows").asLong(),
                    progress.path("estimated_total_rows").asLong());
        } else {
            total = progress.path("total_rows").isNumber()
                    ? String.format("%,d/%,d rows", progress.path("processed_rows").asLong(),
                            progress.path("total_rows").asLong())
                    : "";
        }
        String line = String.format("[%s%s] %5.1f%% %-14s %s %s %s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                percentage, reading ? "READING FILE" : status.path("status").asString(), total, rate, eta).stripTrailing();
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        out.flush();
        lastLength = line.length();
    }

    /** The upload's line: bytes sent of the file's, and parts stored of its parts. */
    synchronized void showUpload(long sent, long total, int partsDone, int parts) {
        double percentage = total == 0 ? 100 : 100.0 * sent / total;
        int filled = (int) Math.round(percentage / 100 * WIDTH);
        String line = String.format("[%s%s] %5.1f%% %-14s %s/%s, %,d/%,d parts", "#".repeat(filled),
                " ".repeat(WIDTH - filled), percentage, "UPLOADING", megabytes(sent), megabytes(total), partsDone, parts);
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        out.flush();
        lastLength = line.length();
    }

    private static String megabytes(long bytes) {
        return String.format("%,.1f MB", bytes / 1_000_000.0);
    }

    synchronized void finish() {
        out.println();
        lastLength = 0;
    }

    private static String eta(String estimated) {
        if (estimated.isEmpty()) {
            return "";
        }
        try {
            long seconds = Math.max(0, Duration.between(Instant.now(), Instant.parse(estimated)).toSeconds());
            return String.format("ETA %d:%02d", seconds / 60, seconds % 60);
        } catch (RuntimeException e) {
            return "";
        }
    }
}
