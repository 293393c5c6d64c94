package com.bulkimport.relay.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param transport      eventbridge (the only one until the SQS and Kafka transports land)
 * @param batchSize      rows claimed per round
 * @param pollInterval   how long an idle relay waits before looking again
 * @param maxAttempts    failed publishes before a row is DEAD
 * @param initialBackoff delay after the first failure; doubles per attempt, with jitter
 * @param maxBackoff     cap on that delay
 */
@ConfigurationProperties("bulkimport.relay")
public record RelayProperties(String transport, int batchSize, Duration pollInterval, int maxAttempts,
                              Duration initialBackoff, Duration maxBackoff) {
}
