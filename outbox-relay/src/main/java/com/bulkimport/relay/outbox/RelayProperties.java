package com.bulkimport.relay.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param transport      eventbridge, sqs or kafka (see {@code PublisherConfiguration})
 * @param enabled        false in tests that drive {@link OutboxRelay#relayOnce()} themselves
 * @param batchSize      rows claimed per round
 * @param threads        claim-publish loops per instance; each claims its own rows (SKIP LOCKED)
 * @param workLane       one more loop that claims only work events (IMPORT_JOB_STARTED, IMPORT_BATCH_READY), so
 *                       a batch announced behind a backlog of record events goes out at once, not when the
 *                       rounds of record events in progress end (transports without per-aggregate order only)
 * @param pollInterval   how long an idle relay waits for a NOTIFY before looking anyway
 * @param busyPollInterval how long a relay that has just published waits for a NOTIFY before looking
 *                       anyway: while events flow, a late NOTIFY costs at most this, not a poll interval
 * @param maxAttempts    failed publishes before a row is DEAD
 * @param initialBackoff delay after an event's first failure; doubles per attempt, with jitter
 * @param maxBackoff     cap on that delay
 * @param outage         pacing while the transport or the database is down
 * @param listen         the LISTEN connection that wakes the relay
 * @param retention      deletion of published rows
 * @param metrics        sampling of the backlog gauges
 * @param health         what readiness tolerates
 */
@ConfigurationProperties("bulkimport.relay")
public record RelayProperties(
        @DefaultValue("eventbridge") String transport,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") int batchSize,
        @DefaultValue("1") int threads,
        @DefaultValue("true") boolean workLane,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("20ms") Duration busyPollInterval,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue Outage outage,
        @DefaultValue Listen listen,
        @DefaultValue Retention retention,
        @DefaultValue Metrics metrics,
        @DefaultValue Health health) {

    /**
     * @param initialDelay first pause after a round found the transport (or database) unreachable
     * @param maxDelay     cap on the doubling pause
     */
    public record Outage(@DefaultValue("250ms") Duration initialDelay, @DefaultValue("10s") Duration maxDelay) {
    }

    /**
     * @param enabled        false: poll only
     * @param heartbeat      how long the listener waits for a notification before checking its connection
     * @param reconnectDelay first pause before reconnecting a lost LISTEN connection (doubles to 30 s)
     */
    public record Listen(@DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration heartbeat,
                         @DefaultValue("500ms") Duration reconnectDelay) {
    }

    /**
     * @param period    how long PUBLISHED rows are kept (DEAD rows stay until replayed or purged)
     * @param batchSize rows deleted per statement, so no statement holds many locks for long
     * @param interval  pause between sweeps
     */
    public record Retention(@DefaultValue("7d") Duration period, @DefaultValue("1000") int batchSize,
                            @DefaultValue("1m") Duration interval) {
    }

    /** @param sampleInterval how often the pending count and the oldest pending row are read */
    public record Metrics(@DefaultValue("5s") Duration sampleInterval) {
    }

    /**
     * @param maxLag readiness is DOWN while the oldest pending outbox row is older than this (the
     *               {@code OutboxLagHigh} alert fires at 60 s; readiness is the coarser signal)
     */
    public record Health(@DefaultValue("5m") Duration maxLag) {
    }
}
