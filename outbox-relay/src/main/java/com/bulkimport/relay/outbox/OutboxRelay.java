package com.bulkimport.relay.outbox;

import com.bulkimport.relay.publish.PublishOutcome;
import com.bulkimport.relay.publish.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Moves outbox rows to the transport. Each round claims a batch (FOR UPDATE SKIP LOCKED), publishes
 * it and records every outcome in the same transaction: a crash before commit leaves the rows
 * pending, so they go out again (at least once; consumers drop copies through their inbox).
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final Publisher publisher;
    private final TransactionTemplate tx;
    private final RelayProperties properties;
    private final Backoff backoff;
    private volatile boolean running;
    private Thread worker;

    private final boolean autoStart;

    OutboxRelay(OutboxStore store, Publisher publisher, TransactionTemplate tx, RelayProperties properties,
                @Value("${bulkimport.relay.enabled:true}") boolean autoStart) {
        this.autoStart = autoStart;
        this.store = store;
        this.publisher = publisher;
        this.tx = tx;
        this.properties = properties;
        this.backoff = new Backoff(properties.initialBackoff(), properties.maxBackoff());
    }

    /** One claim-publish-record round. @return how many rows it handled */
    public int relayOnce() {
        Integer handled = tx.execute(status -> {
            List<OutboxMessage> claimed = store.claim(properties.batchSize());
            if (claimed.isEmpty()) {
                return 0;
            }
            List<PublishOutcome> outcomes = publisher.publish(claimed);
            record(claimed, outcomes);
            return claimed.size();
        });
        return handled == null ? 0 : handled;
    }

    private void record(List<OutboxMessage> claimed, List<PublishOutcome> outcomes) {
        List<UUID> published = new ArrayList<>();
        java.util.Map<UUID, OutboxMessage> byId = new java.util.HashMap<>();
        claimed.forEach(m -> byId.put(m.id(), m));
        for (PublishOutcome outcome : outcomes) {
            OutboxMessage message = byId.remove(outcome.id());
            if (message == null) {
                continue;
            }
            if (outcome.published()) {
                published.add(outcome.id());
            } else if (outcome.permanent() || message.attempts() + 1 >= properties.maxAttempts()) {
                log.error("outbox event {} ({}) is DEAD after {} attempts: {}", message.id(), message.type(),
                        message.attempts() + 1, outcome.error());
                store.markDead(message.id(), outcome.error());
            } else {
                store.markFailed(message.id(), outcome.error(), backoff.after(message.attempts() + 1));
            }
        }
        for (OutboxMessage unanswered : byId.values()) {
            store.markFailed(unanswered.id(), "transport gave no outcome", backoff.after(unanswered.attempts() + 1));
        }
        store.markPublished(published);
    }

    private void loop() {
        while (running) {
            try {
                int handled = relayOnce();
                if (handled < properties.batchSize()) {
                    Thread.sleep(properties.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("relay round failed, retrying after {}: {}", properties.pollInterval(), e.toString());
                sleepQuietly(Math.max(1000, properties.pollInterval().toMillis()));
            }
        }
    }

    private void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
        log.info("outbox relay started: transport {}, batch {}, poll every {}", publisher.name(),
                properties.batchSize(), properties.pollInterval());
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Off in tests that drive {@link #relayOnce()} themselves. */
    @Override
    public boolean isAutoStartup() {
        return autoStart;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
