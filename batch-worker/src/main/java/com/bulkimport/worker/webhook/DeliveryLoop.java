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
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook delivery loop (docs/architecture.md, "Webhooks and mail"). One thread claims due deliveries for a
 * bounded pool, and never has more in flight to one endpoint than {@code per-endpoint-concurrency}, so a slow
 * receiver occupies at most its own slots and every other endpoint's deliveries keep flowing.
 *
 * <p>It claims a turn ahead: up to twice the pool, and twice each endpoint's slots, counting what is in flight
 * and what waits here. A thread whose attempt ended takes the oldest waiting delivery whose endpoint has a free
 * slot, without a round trip, so under load one claim serves many attempts instead of one each. A waiting
 * delivery starts within about one attempt's timeout (every thread ends an attempt by then), well inside its
 * lease (at least twice the timeout). The loop is woken when a thread found nothing to take or took the last
 * waiting one, and otherwise sleeps for the poll interval. Deliveries still waiting at {@link #stop()} are
 * handed back at once, their claim undone. Health-neutral: a receiver's outage is the receiver's, never this
 * worker's readiness.
 */
@Component
class DeliveryLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);

    private final DeliveryStore store;
    private final WebhookProperties properties;
    private final WebhookMetrics metrics;
    private final OutboundTargets targets;
    private volatile WebhookSender sender;
    private volatile SuccessWriter successes;
    private final String worker = "worker-" + UUID.randomUUID();
    /** Guards {@link #inFlight}, {@link #waiting} and {@link #active}. */
    private final Object turns = new Object();
    private final Map<UUID, Integer> inFlight = new HashMap<>();
    private final ArrayDeque<Claimed> waiting = new ArrayDeque<>();
    private int active;
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
        successes = new SuccessWriter(store);
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
            try {
                // a claim in progress hands its deliveries to the pool or the queue before the pool closes
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        handBackWaiting();
        if (successes != null) {
            successes.close();
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
                int room;
                synchronized (turns) {
                    room = 2 * properties.threads() - active - waiting.size();
                }
                int claimed = room > 0 ? claimAndSend(room) : 0;
                if (claimed < room || room <= 0) {
                    // nothing more is due (or a turn ahead is claimed): until a thread wants work or the poll interval
                    await(properties.pollInterval());
                }
            } catch (RuntimeException e) {
                log.warn("webhook delivery loop: {}", e.toString());
                await(properties.pollInterval().multipliedBy(4));
            }
        }
    }

    private int claimAndSend(int room) {
        Map<UUID, Integer> busy = new HashMap<>();
        synchronized (turns) {
            busy.putAll(inFlight);
            waiting.forEach(delivery -> busy.merge(delivery.endpointId(), 1, Integer::sum));
        }
        List<Claimed> claimed = store.claim(busy, 2 * properties.perEndpointConcurrency(), room, properties.lease(),
                worker);
        for (Claimed delivery : claimed) {
            boolean start;
            synchronized (turns) {
                start = active < properties.threads() && hasSlot(delivery.endpointId());
                if (start) {
                    occupy(delivery.endpointId());
                } else {
                    waiting.add(delivery);
                }
            }
            if (start) {
                pool.execute(() -> attempts(delivery));
            }
        }
        return claimed.size();
    }

    /** A thread's work: the delivery it was given, then whichever waits longest for a free slot, until none does. */
    private void attempts(Claimed first) {
        Claimed delivery = first;
        while (delivery != null) {
            try {
                deliver(delivery);
            } catch (RuntimeException e) {
                log.warn("webhook delivery {}: {}", delivery.id(), e.toString());
            }
            delivery = next(delivery.endpointId());
        }
    }

    /** After an attempt to {@code endpoint}: the next delivery this thread sends, or null when it is free now. */
    private Claimed next(UUID endpoint) {
        Claimed next = null;
        boolean refill;
        synchronized (turns) {
            release(endpoint);
            if (running) {
                for (Iterator<Claimed> it = waiting.iterator(); it.hasNext(); ) {
                    Claimed candidate = it.next();
                    if (hasSlot(candidate.endpointId())) {
                        it.remove();
                        // this thread's own turn: it stays counted in active
                        inFlight.merge(candidate.endpointId(), 1, Integer::sum);
                        next = candidate;
                        break;
                    }
                }
            }
            if (next == null) {
                active--;
            }
            refill = next == null || waiting.isEmpty();
        }
        if (refill) {
            signal();
        }
        return next;
    }

    private boolean hasSlot(UUID endpoint) {
        return inFlight.getOrDefault(endpoint, 0) < properties.perEndpointConcurrency();
    }

    private void occupy(UUID endpoint) {
        inFlight.merge(endpoint, 1, Integer::sum);
        active++;
    }

    /** The endpoint's slot is free again; the thread stays in {@link #active} until it finds nothing to take. */
    private void release(UUID endpoint) {
        inFlight.computeIfPresent(endpoint, (id, count) -> count > 1 ? count - 1 : null);
    }

    /** Claimed ahead but never sent: due again now, with the attempt the claim counted undone. */
    private void handBackWaiting() {
        List<Claimed> unsent;
        synchronized (turns) {
            unsent = List.copyOf(waiting);
            waiting.clear();
        }
        if (!unsent.isEmpty()) {
            try {
                store.handBack(unsent, worker);
            } catch (RuntimeException e) {
                // their lease brings them back, one attempt later
                log.warn("could not hand back {} webhook deliveries: {}", unsent.size(), e.toString());
            }
        }
    }

    void deliver(Claimed delivery) {
        Instant started = Instant.now();
        // never sent unsigned: a failed attempt of its own, on the retry schedule, until the key is fixed
        Outcome outcome = delivery.unsigned() != null ? new Outcome(null, delivery.unsigned(), null, 0)
                : sender.send(delivery);
        try {
            if (outcome.delivered()) {
                successes.add(new DeliveryStore.Success(delivery, started, outcome));
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

    void signal() {
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
