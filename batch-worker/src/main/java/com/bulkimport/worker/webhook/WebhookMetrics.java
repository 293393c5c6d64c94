package com.bulkimport.worker.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * {@code bulkimport_webhook_attempts_total{outcome}} (delivered, retry, failed, disabled: the endpoint was
 * disabled by this attempt), {@code bulkimport_webhook_attempt_duration_seconds} (one HTTP attempt) and
 * {@code bulkimport_webhook_delivery_latency_seconds} (event written to delivered, retries included). Every
 * outcome is registered at zero when the worker starts, so the series exist before the first delivery.
 */
@Component
class WebhookMetrics {

    static final List<String> OUTCOMES = List.of("delivered", "retry", "failed", "disabled");

    private final MeterRegistry registry;
    private final Timer attempt;
    private final Timer latency;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        OUTCOMES.forEach(this::counter);
        this.attempt = Timer.builder("bulkimport.webhook.attempt.duration").description("One webhook HTTP attempt")
                .publishPercentileHistogram().register(registry);
        this.latency = Timer.builder("bulkimport.webhook.delivery.latency")
                .description("From the event's delivery row to the receiver's 2xx, retries included")
                .publishPercentileHistogram().register(registry);
    }

    void attempted(String outcome, long durationMs) {
        counter(outcome).increment();
        attempt.record(Duration.ofMillis(durationMs));
    }

    void delivered(Duration sinceEvent) {
        latency.record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    }

    private Counter counter(String outcome) {
        return Counter.builder("bulkimport.webhook.attempts").description("Webhook attempts, by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
