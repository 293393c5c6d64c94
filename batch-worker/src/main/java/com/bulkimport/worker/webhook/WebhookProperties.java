package com.bulkimport.worker.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * How this worker delivers webhooks (README, "Webhooks").
 *
 * @param allowPrivateTargets    send to http and to private, loopback and link-local addresses: local stack and tests only
 * @param enabled                run the delivery loop on this instance
 * @param threads                deliveries in flight at once on this instance
 * @param perEndpointConcurrency deliveries in flight at once to one endpoint, per instance: a slow receiver holds at most
 *                               this many threads, never the others' deliveries
 * @param pollInterval           how often an idle loop looks for due deliveries
 * @param lease                  a claimed delivery is due again after this, should its worker die mid-attempt
 * @param timeout                the whole attempt (connect, send, answer), after which it is a failure
 * @param retryDelays            the wait after each failed attempt; after the last one the delivery FAILED
 * @param jitter                 each wait is stretched or shrunk at random by up to this fraction
 * @param responseLimit          how much of the receiver's answer is kept (and read at all)
 * @param disableAfter           an endpoint whose every attempt failed for this long is disabled and its owner told
 */
@ConfigurationProperties("bulkimport.webhooks")
record WebhookProperties(boolean allowPrivateTargets, boolean enabled, int threads, int perEndpointConcurrency,
                         Duration pollInterval, Duration lease, Duration timeout, List<Duration> retryDelays,
                         double jitter, DataSize responseLimit, Duration disableAfter) {

    WebhookProperties {
        threads = threads <= 0 ? 32 : threads;
        perEndpointConcurrency = perEndpointConcurrency <= 0 ? 8 : perEndpointConcurrency;
        pollInterval = pollInterval == null ? Duration.ofMillis(250) : pollInterval;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("bulkimport.webhooks.lease (" + lease + ") must be at least twice the"
                    + " timeout (" + timeout + "): a delivery waiting for its endpoint's turn must not be taken over");
        }
        retryDelays = retryDelays == null || retryDelays.isEmpty() ? List.of(Duration.ofSeconds(5),
                Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
                Duration.ofHours(10), Duration.ofHours(10)) : List.copyOf(retryDelays);
        jitter = Math.max(0, Math.min(0.5, jitter));
        responseLimit = responseLimit == null ? DataSize.ofKilobytes(4) : responseLimit;
        disableAfter = disableAfter == null ? Duration.ofDays(5) : disableAfter;
    }

    /** Attempts a delivery gets: the first and one per retry delay. */
    int maxAttempts() {
        return retryDelays.size() + 1;
    }
}
