package com.bulkimport.relay.outbox;

import com.bulkimport.support.retry.Outage;
import com.bulkimport.relay.wakeup.WakeUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link OutboxRelay} rounds on {@code threads} threads. A loop goes again at once while rows
 * keep coming; otherwise it sleeps until a NOTIFY ({@link WakeUp}) or the poll interval, whichever
 * comes first, so an idle relay costs one cheap query per poll interval. After a round that
 * published, it looks again after the short busy-poll interval even without a NOTIFY: under load a
 * NOTIFY was seen to arrive up to ~100 ms late (bench/relay; pgjdbc held notifications while more came, which
 * {@link com.bulkimport.support.notify.NoWaitPeekSocketFactory} ends), and NOTIFY is a hint, never the source
 * of truth. The first empty round puts the loop back on the idle interval.
 *
 * <p>On a transport without per-aggregate order one more loop, the work lane, claims only work events: a round of
 * record events can take seconds while a big import's events drain, and a batch announced meanwhile (its tenant's
 * window refilled as the batch before it was applied) would wait for it, with the workers idle (bench/revert). It
 * wakes only for NOTIFYs that may mean work ({@link WakeUp#awaitWorkAfter}; V30), not for each insert of record
 * events.
 *
 * <p>When the transport cannot be reached, or the database fails, the loops pause with a doubling,
 * jittered delay (NOTIFYs do not cut it short) and the outage is logged once when it starts and once
 * when it ends ({@link Outage}). Rows keep their attempts during a transport outage: an outage is not
 * the events' fault, and must not kill them.
 */
@Component
public class RelayLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RelayLoop.class);
    private static final Duration BLOCKED_PAUSE = Duration.ofMillis(20);

    private final OutboxRelay relay;
    private final WakeUp wakeUp;
    private final RelayProperties properties;
    private final Outage transport;
    private final Outage database;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile int shares = 1;

    RelayLoop(OutboxRelay relay, WakeUp wakeUp, RelayProperties properties) {
        this.relay = relay;
        this.wakeUp = wakeUp;
        this.properties = properties;
        RelayProperties.Outage pacing = properties.outage();
        this.transport = new Outage("transport " + relay.publisher().name(), log, pacing.initialDelay(),
                pacing.maxDelay());
        this.database = new Outage("database", log, pacing.initialDelay(), pacing.maxDelay());
    }

    /** The transport's outage record (for tests and tools). */
    public Outage transportOutage() {
        return transport;
    }

    /** The database's outage record, as the loops saw it (for tests and tools). */
    public Outage databaseOutage() {
        return database;
    }

    /** @param workLane whether this loop claims work events only: it sleeps through NOTIFYs of inserts without any */
    private void loop(java.util.function.Supplier<Round> rounds, boolean workLane) {
        while (running) {
            long seen = workLane ? wakeUp.workGeneration() : wakeUp.generation();
            try {
                Round round = rounds.get();
                database.recovered();
                if (round.transportDown()) {
                    if (!transport.failedThenWait(round.transportError())) {
                        return;
                    }
                    continue;
                }
                if (round.anySent()) {
                    transport.recovered();
                }
                Duration wait = waitAfter(round, properties);
                if (wait != null && workLane) {
                    wakeUp.awaitWorkAfter(seen, wait);
                } else if (wait != null) {
                    wakeUp.awaitAfter(seen, wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!database.failedThenWait(e.toString())) {
                    return;
                }
            }
        }
    }

    /** How long a loop waits for a NOTIFY after {@code round} before it looks anyway; null: go again at once. */
    static Duration waitAfter(Round round, RelayProperties properties) {
        if (round.blockedByAnotherRelay()) {
            // that relay commits within moments; its rows' successors are ours to take then
            return shorter(BLOCKED_PAUSE, properties.pollInterval());
        }
        if (round.moreWaiting(properties.batchSize())) {
            return null;
        }
        return round.claimed() > 0 ? shorter(properties.busyPollInterval(), properties.pollInterval())
                : properties.pollInterval();
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    @Override
    public void start() {
        running = true;
        int count = Math.max(1, properties.threads());
        shares = count;
        for (int i = 0; i < count; i++) {
            int share = i;
            threads.add(new Thread(() -> loop(() -> relay.round(share, shares), false), "outbox-relay-" + i));
        }
        boolean workLane = properties.workLane() && !relay.publisher().preservesOrder();
        if (workLane) {
            threads.add(new Thread(() -> loop(relay::workRound, true), "outbox-relay-work"));
        }
        threads.forEach(thread -> {
            thread.setDaemon(true);
            thread.start();
        });
        log.info("outbox relay started: transport {}{}, {} thread(s){}, batch {}, poll every {}{}",
                relay.publisher().name(), relay.publisher().preservesOrder() ? " (ordered per aggregate)" : "",
                count, workLane ? " and a work lane" : "", properties.batchSize(), properties.pollInterval(),
                properties.listen().enabled() ? ", woken by NOTIFY" : " (poll only)");
    }

    @Override
    public void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isAutoStartup() {
        return properties.enabled();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
