package com.bulkimport.relay.publish;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/** Settings of each transport; only the chosen one ({@code bulkimport.relay.transport}) is read. */
final class TransportProperties {

    private TransportProperties() {
    }

    /**
     * @param endpoint      PutEvents endpoint override (the local stack's); blank for AWS
     * @param busName       the event bus
     * @param parallelCalls PutEvents calls a round has in flight at once (its own thread makes one)
     */
    @ConfigurationProperties("bulkimport.relay.eventbridge")
    record EventBridge(String endpoint, @DefaultValue("bulk-import") String busName,
                       @DefaultValue("8") int parallelCalls) {
    }

    /**
     * Each queue takes the events of one audience ({@code Routes#queues}); a URL ending in {@code .fifo}
     * turns on ordering for that queue. An audience without a queue is not sent.
     *
     * @param endpoint              SQS endpoint override (ElasticMQ locally); blank for AWS
     * @param queueUrl              the work queue: IMPORT_JOB_STARTED, IMPORT_BATCH_READY (required)
     * @param subscribersQueueUrl   record events and IMPORT_BATCH_APPLIED; blank: not sent
     * @param notificationsQueueUrl IMPORT_JOB_COMPLETED, _FAILED, _CANCELLED; blank: not sent
     * @param parallelCalls         SendMessageBatch calls a round has in flight at once (its own thread makes one)
     * @param highQueueUrl          the work of high-priority jobs (their lane); blank: the work queue
     * @param lowQueueUrl           the work of low-priority jobs; blank: the work queue
     */
    @ConfigurationProperties("bulkimport.relay.sqs")
    record Sqs(String endpoint, String queueUrl, String subscribersQueueUrl, String notificationsQueueUrl,
               @DefaultValue("8") int parallelCalls, String highQueueUrl, String lowQueueUrl) {
    }

    /**
     * @param bootstrapServers   the cluster
     * @param topic              the work topic: IMPORT_JOB_STARTED, IMPORT_BATCH_READY (key = job id)
     * @param recordsTopicPrefix record events go to {@code <prefix><record>}, e.g. {@code bulk-import.records.product}
     *                           (key = the record's id)
     * @param jobsTopic          a job's end and its batch summaries (key = job id)
     * @param createTopics       create the topics that are missing at start (broker default partitions and replicas)
     * @param producer           any further producer settings (security.protocol, sasl.*, compression.type,
     *                           max.request.size...); acks and idempotence are not negotiable
     */
    @ConfigurationProperties("bulkimport.relay.kafka")
    record Kafka(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
                 @DefaultValue("bulk-import.events") String topic,
                 @DefaultValue("bulk-import.records.") String recordsTopicPrefix,
                 @DefaultValue("bulk-import.jobs") String jobsTopic,
                 @DefaultValue("true") boolean createTopics,
                 @DefaultValue Map<String, String> producer) {

        /** How long a round waits for acknowledgements: a little longer than the producer tries itself. */
        Duration ackTimeout(Map<String, Object> producerConfig) {
            long delivery = Long.parseLong(producerConfig.get("delivery.timeout.ms").toString());
            return Duration.ofMillis(delivery).plusSeconds(5);
        }
    }
}
