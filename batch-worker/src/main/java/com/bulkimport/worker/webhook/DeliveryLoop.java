package com.bulkimport.worker.webhook;

import com.bulkimport.support.outbound.OutboundTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook delivery loop (docs/architecture.md, "Webhooks and mail"). One thread claims due deliveries for
 * the free threads of a bounded pool, never more per endpoint than its free slots
 * ({@code per-endpoint-concurrency} less what is in flight to it here), so a slow receiver occupies at most its
 * own slots and every other endpoint's deliveries keep flowing. It sleeps for the poll interval when nothing is
 * due and wakes as soon as an attempt ends (its slot may have due work). Health-neutral: a receiver's outage
 * is the receiver's, never this worker's readiness.
 */
@Component
class DeliveryLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);

    private final DeliveryStore store;
    private final WebhookProperties properties;
    private final WebhookMetrics metrics;
    private final OutboundTargets targets;
    private volatile WebhookSender sender;
    private final String worker = "worker-" + UUID.randomUUID();
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final Object wake = new Object();
    private final boolean autoStart;
    private volatile boolean running;
    private boolean woken;
    private ExecutorService pool;
    private Thread loop;

    @Autowired
    DeliveryLoop(DeliveryStore store, WebhookProperties properties, WebhookMetrics metrics, OutboundTargets targets,
                 @Value("${bulkimport.webhooks.enabled:true}") boolean autoStart) {
        this.store = store;
        this.targets = targets;
        this.properties = properties;
        this.metrics = metrics;
        this.autoStart = autoStart;
    }

    DeliveryLoop(DeliveryStore store, WebhookProperties properties, WebhookMetrics metrics, boolean autoStart) {
        this(store, properties, metrics, new OutboundTargets(properties.allowPrivateTargets()), autoStart);
    }

    @Override
    public boolean isAutoStartup() {
        return autoStart;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        sender = new WebhookSender(targets, properties);
        running = true;
        AtomicInteger number = new AtomicInteger();
        pool = Executors.newFixedThreadPool(properties.threads(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        loop = new Thread(this::run, "webhook-loop");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        signal();
        if (loop != null) {
            loop.interrupt();
        }
        if (pool != null) {
            // attempts in flight end within the timeout; one cut short is due again when its lease ends
            pool.shutdown();
            try {
                pool.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (sender != null) {
                sender.close();
            }
        } catch (IOException e) {
            log.debug("closing the webhook client: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                int free = properties.threads() - active.get();
                int claimed = free > 0 ? claimAndSend(free) : 0;
                if (claimed < free || free == 0) {
                    // nothing more is due (or every thread is busy): until an attempt ends or the poll interval passes
                    await(properties.pollInterval());
                }
            } catch (RuntimeException e) {
                log.warn("webhook delivery loop: {}", e.toString());
                await(properties.pollInterval().multipliedBy(4));
            }
        }
    }

    private int claimAndSend(int free) {
        Map<UUID, Integer> busy = new HashMap<>();
        inFlight.forEach((endpoint, count) -> {
            if (count.get() > 0) {
                busy.put(endpoint, count.get());
            }
        });
        List<Claimed> claimed = store.claim(busy, properties.perEndpointConcurrency(), free, properties.lease(), worker);
        for (Claimed delivery : claimed) {
            inFlight.computeIfAbsent(delivery.endpointId(), id -> new AtomicInteger()).incrementAndGet();
            active.incrementAndGet();
            pool.execute(() -> {
                try {
                    deliver(delivery);
                } finally {
                    inFlight.get(delivery.endpointId()).decrementAndGet();
                    active.decrementAndGet();
                    signal();
                }
            });
        }
        return claimed.size();
    }

    void deliver(Claimed delivery) {
        Instant started = Instant.now();
        // never sent unsigned: a failed attempt of its own, on the retry schedule, until the key is fixed
        Outcome outcome = delivery.unsigned() != null ? new Outcome(null, delivery.unsigned(), null, 0)
                : sender.send(delivery);
        try {
            if (outcome.delivered()) {
                store.delivered(delivery, started, outcome);
                metrics.attempted("delivered", outcome.durationMs());
                metrics.delivered(Duration.between(delivery.createdAt(), Instant.now()));
                return;
            }
            DeliveryStore.Next next = store.failed(delivery, started, outcome, retryIn(delivery),
                    properties.disableAfter());
            metrics.attempted(switch (next) {
                case RETRY -> "retry";
                case FAILED -> "failed";
                case ENDPOINT_DISABLED -> "disabled";
            }, outcome.durationMs());
        } catch (RuntimeException e) {
            // the lease brings the delivery back: at least once, with the same webhook-id
            log.warn("could not record webhook delivery {}: {}", delivery.id(), e.toString());
        }
    }

    /** The wait before the next attempt, stretched at random by the jitter; null when this was the last attempt. */
    private Duration retryIn(Claimed delivery) {
        int made = delivery.attempt() - delivery.retryFrom();
        if (made >= properties.maxAttempts()) {
            return null;
        }
        Duration base = properties.retryDelays().get(made - 1);
        double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * properties.jitter();
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
    }

    private void signal() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    private void await(Duration timeout) {
        synchronized (wake) {
            if (!woken) {
                try {
                    wake.wait(Math.max(1, timeout.toMillis()));
                } catch (InterruptedException e) {
                    // only stop() interrupts, after it cleared running: the loop ends
                    Thread.currentThread().interrupt();
                }
            }
            woken = false;
        }
    }
}
