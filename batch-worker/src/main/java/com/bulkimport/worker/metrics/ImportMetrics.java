package com.bulkimport.worker.metrics;

import com.bulkimport.model.ImportKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * The worker's throughput metrics, counted after the transaction that did the work committed (so a
 * rolled-back attempt counts nothing). Names are fixed: the ops dashboards and alerts read them as
 * {@code bulkimport_import_rows_total{kind, outcome}} and {@code bulkimport_batch_duration_seconds{kind}}.
 * Every kind and outcome is registered at zero when the worker starts, so the series exist before the
 * first import (no gap for dashboards, rates or absent() alerts).
 */
@Component
public class ImportMetrics {

    /** Every outcome a row is counted under. */
    public static final List<String> OUTCOMES = List.of("created", "updated", "unchanged", "duplicate", "error");

    private final MeterRegistry registry;

    ImportMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ImportKind kind : ImportKind.values()) {
            for (String outcome : OUTCOMES) {
                rowCounter(kind, outcome);
            }
            batchTimer(kind);
            readReopenedCounter(kind);
        }
    }

    public void rows(ImportKind kind, String outcome, long count) {
        if (count > 0) {
            rowCounter(kind, outcome).increment(count);
        }
    }

    private Counter rowCounter(ImportKind kind, String outcome) {
        return Counter.builder("bulkimport.import.rows").description("Rows imported, by kind and outcome")
                .tag("kind", kind.wireName()).tag("outcome", outcome)
                .register(registry);
    }

    /** A message that could not be handled yet ({@code RetryLater}) and comes back later, by transport and type. */
    public void postponed(String transport, String eventType) {
        Counter.builder("bulkimport.work.postponed").description("Work messages postponed to be handled later")
                .tag("transport", transport).tag("type", eventType)
                .register(registry).increment();
    }

    /** A work message received from a priority's lane (docs/architecture.md, "Priority and fairness"). */
    public void received(String lane) {
        Counter.builder("bulkimport.work.received").description("Work messages received, by lane")
                .tag("lane", lane).register(registry).increment();
    }

    public void batchApplied(ImportKind kind, Duration took) {
        batchTimer(kind).record(took);
    }

    /**
     * A read beside its apply waited for it, being too far ahead (the worker's ingest ReadAhead).
     *
     * @param outcome one of those given to {@link #registerReadHeld}
     */
    public void readHeld(ImportKind kind, String outcome, Duration took) {
        readHeldTimer(kind, outcome).record(took);
    }

    /** The read-held series of every kind, at zero: the outcomes are the reader's to name. */
    public void registerReadHeld(List<String> outcomes) {
        for (ImportKind kind : ImportKind.values()) {
            for (String outcome : outcomes) {
                readHeldTimer(kind, outcome);
            }
        }
    }

    /** A read that waited long for its apply reopened its file at its checkpoint. */
    public void readReopened(ImportKind kind) {
        readReopenedCounter(kind).increment();
    }

    private Counter readReopenedCounter(ImportKind kind) {
        return Counter.builder("bulkimport.ingest.read.reopened")
                .description("Reads that reopened their file at the checkpoint after a long wait for their apply")
                .tag("kind", kind.wireName())
                .register(registry);
    }

    private Timer readHeldTimer(ImportKind kind, String outcome) {
        return Timer.builder("bulkimport.ingest.read.held")
                .description("Time a file's read waited for its batches to apply, being too far ahead of them")
                .tag("kind", kind.wireName()).tag("outcome", outcome)
                .register(registry);
    }

    private Timer batchTimer(ImportKind kind) {
        return Timer.builder("bulkimport.batch.duration").description("Time to apply one batch")
                .tag("kind", kind.wireName())
                .publishPercentileHistogram()
                .register(registry);
    }
}
