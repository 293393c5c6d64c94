package com.bulkimport.relay.outbox;

import com.bulkimport.support.retry.Backoff;
import com.bulkimport.support.tracing.JobTraces;
import com.bulkimport.relay.metrics.OutboxMetrics;
import com.bulkimport.relay.publish.PublishOutcome;
import com.bulkimport.relay.publish.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Moves outbox rows to the transport, one round at a time. A round claims a batch (FOR UPDATE SKIP
 * LOCKED), publishes it and records every outcome in the same transaction: a crash before the commit
 * leaves the rows pending, so they go out again (at least once; consumers drop copies through their
 * inbox). {@link RelayLoop} runs rounds; tests run them one by one.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final Publisher publisher;
    private final TransactionTemplate tx;
    private final RelayProperties properties;
    private final OutboxMetrics metrics;
    private final Backoff backoff;
    private final JobTraces traces;
    private volatile boolean paused;

    OutboxRelay(OutboxStore store, Publisher publisher, TransactionTemplate tx, RelayProperties properties,
                OutboxMetrics metrics, JobTraces traces) {
        this.traces = traces;
        this.store = store;
        this.publisher = publisher;
        this.tx = tx;
        this.properties = properties;
        this.metrics = metrics;
        this.backoff = new Backoff(properties.initialBackoff(), properties.maxBackoff());
    }

    /** One round. @return how many rows it handed to the transport */
    public int relayOnce() {
        return round(0, 1).claimed();
    }

    /** Pauses publishing: rounds claim nothing until {@link #start()} (tests and tools hold events back with it). */
    public void stop() {
        paused = true;
    }

    /** Resumes publishing after {@link #stop()}. */
    public void start() {
        paused = false;
    }

    public boolean isRunning() {
        return !paused;
    }

    public Publisher publisher() {
        return publisher;
    }

    /**
     * @param share  this claimer's share of the aggregates (ordered transports; see {@link OutboxStore#claimInOrder})
     * @param shares how many claimers divide them
     */
    Round round(int share, int shares) {
        return round(() -> publisher.preservesOrder()
                ? store.claimInOrder(properties.batchSize(), share, shares)
                : store.claim(properties.batchSize()));
    }

    /**
     * One round of the work lane ({@link RelayProperties#workLane()}): work events only. Never for a transport that
     * keeps each aggregate's order: a job's work events would overtake its other events there.
     */
    Round workRound() {
        if (publisher.preservesOrder()) {
            throw new IllegalStateException("no work lane on " + publisher.name() + ": it keeps each aggregate's order");
        }
        return round(() -> store.claimWork(properties.batchSize()));
    }

    private Round round(java.util.function.Supplier<OutboxStore.Claim> claimer) {
        if (paused) {
            return Round.EMPTY;
        }
        Round round = tx.execute(status -> {
            OutboxStore.Claim claim = claimer.get();
            if (claim.messages().isEmpty()) {
                return claim.locked() == 0 ? Round.EMPTY : Round.blocked(claim.locked());
            }
            try (RoundTrace trace = RoundTrace.start(traces, publisher.name(), claim.messages())) {
                Round recorded = record(claim, publisher.publish(claim.messages()), trace);
                if (log.isDebugEnabled()) {
                    recorded.published().forEach(published -> trace.about(published.message(), () ->
                            log.debug("{} {} {} to {}", published.sent() ? "published" : "unrouted (not sent)",
                                    published.message().type(), published.message().id(), publisher.name())));
                }
                return recorded;
            }
        });
        if (round == null) {
            return Round.EMPTY;
        }
        store.afterClaim(round.locked(), properties.batchSize());
        if (round.claimed() == 0) {
            return round;
        }
        count(round); // after the commit: a rolled-back round published nothing as far as the outbox knows
        return round;
    }

    private Round record(OutboxStore.Claim claim, List<PublishOutcome> outcomes, RoundTrace trace) {
        List<OutboxMessage> claimed = claim.messages();
        Map<UUID, OutboxMessage> unanswered = new HashMap<>();
        claimed.forEach(message -> unanswered.put(message.id(), message));
        List<OutboxMessage> published = new ArrayList<>();
        Set<UUID> unrouted = new HashSet<>();
        List<OutboxMessage> failed = new ArrayList<>();
        List<OutboxMessage> dead = new ArrayList<>();
        List<OutboxMessage> unavailable = new ArrayList<>();
        int held = 0;
        String transportError = null;
        for (PublishOutcome outcome : outcomes) {
            OutboxMessage message = unanswered.remove(outcome.id());
            if (message == null) {
                continue;
            }
            switch (outcome.status()) {
                case PUBLISHED -> published.add(message);
                case UNROUTED -> {
                    published.add(message); // as EventBridge takes an event no rule matches: done, for nobody
                    unrouted.add(message.id());
                }
                case REJECTED -> dead.add(markDead(message, outcome.error(), trace));
                case RETRY -> (retryOrDie(message, outcome.error(), trace) ? failed : dead).add(message);
                case UNAVAILABLE -> {
                    unavailable.add(message);
                    transportError = outcome.error();
                }
                case HELD -> held++;
            }
        }
        for (OutboxMessage message : unanswered.values()) {
            (retryOrDie(message, "the transport gave no outcome", trace) ? failed : dead).add(message);
        }
        Map<UUID, Instant> marked = store.markPublished(published);
        List<Round.Published> done = published.stream()
                .map(message -> new Round.Published(message, marked.get(message.id()), !unrouted.contains(message.id())))
                .toList();
        return new Round(claimed.size(), claim.locked(), done, failed, dead, unavailable, held, transportError);
    }

    /** @return true when the message will be retried, false when it just died */
    private boolean retryOrDie(OutboxMessage message, String error, RoundTrace trace) {
        if (message.attempts() + 1 >= properties.maxAttempts()) {
            markDead(message, error, trace);
            return false;
        }
        trace.failed(message, error);
        Duration delay = backoff.after(message.attempts() + 1);
        trace.about(message, () -> log.warn("outbox event {} ({}) failed (attempt {}), retrying in {}: {}", message.id(),
                message.type(), message.attempts() + 1, delay, error));
        store.markFailed(message.id(), error, delay);
        return true;
    }

    private OutboxMessage markDead(OutboxMessage message, String error, RoundTrace trace) {
        trace.failed(message, error);
        trace.about(message, () -> log.error("outbox event {} ({}) is DEAD after {} attempts: {}", message.id(),
                message.type(), message.attempts() + 1, error));
        store.markDead(message.id(), error);
        return message;
    }

    private void count(Round round) {
        String transport = publisher.name();
        metrics.batch(transport, round.claimed());
        for (Round.Published published : round.published()) {
            OutboxMessage message = published.message();
            if (!published.sent()) {
                metrics.unrouted(message.type(), transport);
                continue;
            }
            Instant at = published.at() == null ? Instant.now() : published.at();
            metrics.published(message.type(), transport, Duration.between(message.committedAt(), at));
        }
        round.failed().forEach(message -> metrics.failed(message.type(), transport));
        round.unavailable().forEach(message -> metrics.failed(message.type(), transport));
        round.dead().forEach(message -> metrics.dead(message.type(), transport));
    }
}
