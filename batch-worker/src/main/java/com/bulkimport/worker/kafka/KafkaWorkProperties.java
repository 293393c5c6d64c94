package com.bulkimport.worker.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * The worker's side of the Kafka transport. Bootstrap servers and topic default to the relay's
 * ({@code bulkimport.relay.kafka.*}, env {@code KAFKA_BOOTSTRAP_SERVERS} and {@code KAFKA_TOPIC}), so one
 * setting points both at the same place. Consumers per instance: {@code bulkimport.worker.concurrency}.
 *
 * @param bootstrapServers the cluster
 * @param topic            the work topic the relay publishes to (key = aggregate id, value = the envelope)
 * @param deadLetterTopic  where work that gave up goes; blank for {@code <topic>.DLT}
 * @param groupId          the consumer group every worker instance joins (they share the partitions); the
 *                         dead-letter topic is read by {@code <groupId>-dlt}, so neither group's rebalances stop the other
 * @param retry            failures other than "not yet": backoff in the consumer, then the dead-letter topic
 * @param maxNackDelay     a postponed record ({@code RetryLater}) pauses its consumer's partitions: never longer than this
 * @param maxPollRecords   records per poll, handled one after the other
 * @param maxPollInterval  longest time between polls before the broker hands the partitions to another
 *                         consumer: an ingest of a big file runs between two polls
 * @param createTopics     create the work and dead-letter topics (broker default partitions and replicas) when missing
 * @param properties       settings for every client: consumers, producer and admin (security.protocol, sasl.*, ssl.*)
 * @param consumer         further consumer settings; offsets are committed by the worker after each record,
 *                         so enable.auto.commit is not negotiable
 * @param producer         further settings of the producer that writes the dead-letter topic and redrives
 */
@ConfigurationProperties("bulkimport.worker.kafka")
public record KafkaWorkProperties(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
                                  @DefaultValue("bulk-import.events") String topic,
                                  String deadLetterTopic,
                                  @DefaultValue("batch-worker") String groupId,
                                  @DefaultValue Retry retry,
                                  @DefaultValue("30s") Duration maxNackDelay,
                                  @DefaultValue("10") int maxPollRecords,
                                  @DefaultValue("15m") Duration maxPollInterval,
                                  @DefaultValue("true") boolean createTopics,
                                  @DefaultValue Map<String, String> properties,
                                  @DefaultValue Map<String, String> consumer,
                                  @DefaultValue Map<String, String> producer) {

    /**
     * Exponential backoff between deliveries of a failing record, which then goes to the dead-letter topic.
     *
     * @param maxRetries deliveries after the first; 4 matches the SQS queue's maxReceiveCount of 5
     */
    public record Retry(@DefaultValue("1s") Duration initialInterval, @DefaultValue("2.0") double multiplier,
                        @DefaultValue("30s") Duration maxInterval, @DefaultValue("4") int maxRetries) {
    }

    public String deadLetterGroupId() {
        return groupId + "-dlt";
    }

    public String deadLetterTopic() {
        return deadLetterTopic == null || deadLetterTopic.isBlank() ? topic + ".DLT" : deadLetterTopic;
    }
}
