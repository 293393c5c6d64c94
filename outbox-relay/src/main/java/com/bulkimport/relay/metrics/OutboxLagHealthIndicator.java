package com.bulkimport.relay.metrics;

import com.bulkimport.relay.outbox.RelayProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code outboxLag} in readiness: DOWN while the oldest pending outbox row is older than
 * {@code bulkimport.relay.health.max-lag}. It reads the lag {@link BacklogGauges} samples for the
 * {@code bulkimport_outbox_lag_seconds} gauge, so a probe costs no query and says what the dashboard says.
 */
@Component
class OutboxLagHealthIndicator implements HealthIndicator {

    private final BacklogGauges backlog;
    private final Duration maxLag;

    OutboxLagHealthIndicator(BacklogGauges backlog, RelayProperties properties) {
        this.backlog = backlog;
        this.maxLag = properties.health().maxLag();
    }

    @Override
    public Health health() {
        Duration lag = Duration.ofMillis(Math.round(backlog.lagSeconds() * 1000));
        Health.Builder health = lag.compareTo(maxLag) > 0 ? Health.down() : Health.up();
        return health.withDetail("lag", lag.toString())
                .withDetail("max_lag", maxLag.toString())
                .withDetail("pending", backlog.pending())
                .withDetail("sampled", backlog.hasSample())
                .build();
    }
}
