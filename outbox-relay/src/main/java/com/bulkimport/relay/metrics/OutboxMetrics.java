package com.bulkimport.relay.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import com.bulkimport.model.event.EventType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The relay's meters. The names are fixed: operations dashboards and alarms use them.
 * <ul>
 *   <li>{@code bulkimport.outbox.published}: events marked published, by {@code type}, {@code transport} and
 *       {@code outcome}: {@code sent}, or {@code unrouted} (for nobody: not sent, as EventBridge drops an event
 *       no rule matches)</li>
 *   <li>{@code .failed}, {@code .dead}: events, by {@code type} and {@code transport}</li>
 *   <li>{@code bulkimport.outbox.publish.latency}: commit → publish of the events sent, with percentiles</li>
 *   <li>{@code bulkimport.outbox.batch.size}: rows claimed per round</li>
 *   <li>{@code bulkimport.outbox.pending}, {@code bulkimport.outbox.lag}: see {@link BacklogGauges}</li>
 * </ul>
 */
@Component
public class OutboxMetrics {

    static final String PUBLISHED = "bulkimport.outbox.published";
    static final String FAILED = "bulkimport.outbox.failed";
    static final String DEAD = "bulkimport.outbox.dead";
    static final String LATENCY = "bulkimport.outbox.publish.latency";
    static final String BATCH_SIZE = "bulkimport.outbox.batch.size";
    static final String SENT = "sent";
    static final String UNROUTED = "unrouted";

    private final MeterRegistry registry;

    OutboxMetrics(MeterRegistry registry, @Value("${bulkimport.relay.transport:eventbridge}") String transport) {
        this.registry = registry;
        // every series exists from the start at 0: an alert on "dead events in the last hour" needs a series
        // to take the increase of, and a dashboard shows 0 rather than "no data" on a healthy relay
        for (EventType type : EventType.values()) {
            published(type.name(), transport, SENT);
            published(type.name(), transport, UNROUTED);
            counter(FAILED, "failed publish attempts", type.name(), transport);
            counter(DEAD, "events given up on (DEAD)", type.name(), transport);
        }
    }

    public void published(String type, String transport, Duration sinceCommit) {
        published(type, transport, SENT).increment();
        Timer.builder(LATENCY)
                .description("from the commit of an event's transaction to its publication")
                .tag("transport", transport)
                // client-side percentiles (a Prometheus summary): a histogram would replace them in the scrape
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry)
                .record(sinceCommit.isNegative() ? Duration.ZERO : sinceCommit);
    }

    /** An event for nobody: marked published without being sent. */
    public void unrouted(String type, String transport) {
        published(type, transport, UNROUTED).increment();
    }

    /** A publish that failed and will be tried again (or never reached the transport). */
    public void failed(String type, String transport) {
        counter(FAILED, "failed publish attempts", type, transport).increment();
    }

    public void dead(String type, String transport) {
        counter(DEAD, "events given up on (DEAD)", type, transport).increment();
    }

    public void batch(String transport, int size) {
        DistributionSummary.builder(BATCH_SIZE)
                .description("outbox rows claimed per round")
                .tag("transport", transport)
                .register(registry)
                .record(size);
    }

    private Counter published(String type, String transport, String outcome) {
        return Counter.builder(PUBLISHED).description("events marked published: sent, or unrouted (for nobody)")
                .tag("type", type).tag("transport", transport).tag("outcome", outcome).register(registry);
    }

    private Counter counter(String name, String description, String type, String transport) {
        return Counter.builder(name).description(description).tag("type", type).tag("transport", transport)
                .register(registry);
    }
}
