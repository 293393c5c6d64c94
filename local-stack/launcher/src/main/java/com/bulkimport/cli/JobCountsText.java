package com.bulkimport.cli;

import tools.jackson.databind.JsonNode;

/**
 * A job's counts in one phrase, the same after {@code import} and in {@code listen}'s job lines: the job's
 * {@code progress} and the end-of-job events name their counts alike.
 */
final class JobCountsText {

    private JobCountsText() {
    }

    static String of(JsonNode counts) {
        return String.format("%,d rows — %s", counts.path("total_rows").asLong(), changes(counts));
    }

    /** Without the rows: what a batch, which has no total, reports. */
    static String changes(JsonNode counts) {
        // a revert counts what it deleted too
        String deleted = counts.path("deleted").isNumber()
                ? String.format("%,d deleted, ", counts.path("deleted").asLong()) : "";
        // rows left out at review: the job's progress has them always, its end events when there are any
        String skipped = counts.path("skipped").asLong() > 0
                ? String.format(", %,d skipped at review", counts.path("skipped").asLong()) : "";
        return deleted + String.format("%,d created, %,d updated, %,d unchanged, %,d duplicates, %,d errors",
                counts.path("created").asLong(), counts.path("updated").asLong(), counts.path("unchanged").asLong(),
                counts.path("duplicates").asLong(), counts.path("errors").asLong()) + skipped;
    }
}
