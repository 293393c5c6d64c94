package com.bulkimport.worker.queue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param concurrency       messages handled at once by this instance (one polling thread, or one Kafka consumer, each)
 * @param waitTime          SQS long-poll wait (at most 20 s)
 * @param visibilityTimeout how long a received message stays hidden; a heartbeat renews it while work runs
 * @param retryBackoff      a failed message comes back after this times the square of its receives (max 5 min)
 * @param transport         {@code sqs} or {@code kafka} ({@link WorkTransport})
 * @param enabled           whether the consumers start by themselves (tests hand them work instead)
 */
@ConfigurationProperties("bulkimport.worker")
public record WorkerProperties(int concurrency, Duration waitTime, Duration visibilityTimeout, Duration retryBackoff,
                               String transport, @DefaultValue("true") boolean enabled) {

    public WorkerProperties {
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(5) : retryBackoff;
        transport = WorkTransport.checked(transport);
    }
}
