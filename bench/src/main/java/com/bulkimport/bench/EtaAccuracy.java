package com.bulkimport.bench;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How good the ETA of {@code GET /api/imports/{id}} was, from the statuses recorded while the job ran
 * (issue 16: once 10 % of the job is done, within ±25 % of the real finish). Each status is stamped when
 * it was read; the error of its {@code estimated_completion} is measured against the real
 * {@code completed_at}, as a share of the job's whole duration (start to finish).
 */
final class EtaAccuracy implements Consumer<JsonNode> {

    private record Sample(Instant at, Instant eta, String phase, double percentage, long rowsRead, long processed) {
    }

    private final List<Sample> samples = new ArrayList<>();

    @Override
    public void accept(JsonNode status) {
        String eta = status.path("timestamps").path("estimated_completion").asString("");
        String phase = status.path("progress").path("phase").asString("");
        samples.add(new Sample(Instant.now(), eta.isEmpty() ? null : Instant.parse(eta), phase,
                status.path("progress").path("percentage").asDouble(), status.path("progress").path("rows_read").asLong(),
                status.path("progress").path("processed_rows").asLong()));
    }

    /**
     * Every status as a line: seconds since the start, phase, percentage, ETA in seconds since the start, rows read,
     * rows processed.
     */
    void print(Instant started, java.io.PrintStream out) {
        for (Sample sample : samples) {
            out.printf("%8.2f %-9s %5.1f %8s %9d %9d%n", Duration.between(started, sample.at()).toMillis() / 1e3,
                    sample.phase(), sample.percentage(), sample.eta() == null ? "-"
                            : String.format("%.2f", Duration.between(started, sample.eta()).toMillis() / 1e3),
                    sample.rowsRead(), sample.processed());
        }
    }

    /** What the recorded ETAs say of a job that started at {@code started} and completed at {@code completed}. */
    Result measure(Instant started, Instant completed) {
        double whole = Duration.between(started, completed).toNanos() / 1e9;
        Double firstEtaSeconds = null;
        double maxError = 0;
        Double errorAtTenth = null;
        int counted = 0;
        for (Sample sample : samples) {
            if (sample.eta() == null || sample.at().isAfter(completed)) {
                continue;
            }
            double since = Duration.between(started, sample.at()).toNanos() / 1e9;
            if (firstEtaSeconds == null) {
                firstEtaSeconds = since;
            }
            if (since < whole * 0.1) {
                continue;
            }
            double error = Math.abs(Duration.between(completed, sample.eta()).toNanos() / 1e9) / whole;
            if (errorAtTenth == null) {
                errorAtTenth = error;
            }
            maxError = Math.max(maxError, error);
            counted++;
        }
        return new Result(firstEtaSeconds, errorAtTenth, counted == 0 ? null : maxError, counted);
    }

    /**
     * @param firstEtaSeconds   from the start to the first status with an ETA
     * @param errorAtTenth      the first ETA's error once a tenth of the job's time had passed
     * @param maxErrorAfterTenth the largest error from then on (0.25 = a quarter of the job's duration)
     */
    record Result(Double firstEtaSeconds, Double errorAtTenth, Double maxErrorAfterTenth, int samples) {
    }
}
