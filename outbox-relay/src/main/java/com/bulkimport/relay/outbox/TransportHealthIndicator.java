package com.bulkimport.relay.outbox;

import com.bulkimport.support.retry.Outage;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code transport} in readiness: DOWN while the relay's own rounds find the transport (EventBridge,
 * SQS or Kafka) unreachable. It asks the transport nothing itself: the relay's IAM role may only put
 * events, and its rounds already try the transport every poll interval.
 */
@Component
class TransportHealthIndicator implements HealthIndicator {

    private final RelayLoop loop;
    private final OutboxRelay relay;

    TransportHealthIndicator(RelayLoop loop, OutboxRelay relay) {
        this.loop = loop;
        this.relay = relay;
    }

    @Override
    public Health health() {
        Outage outage = loop.transportOutage();
        Health.Builder health = outage.ongoing() ? Health.down().withDetail("failed_tries", outage.failures())
                : Health.up();
        return health.withDetail("transport", relay.publisher().name()).withDetail("outages", outage.count()).build();
    }
}
