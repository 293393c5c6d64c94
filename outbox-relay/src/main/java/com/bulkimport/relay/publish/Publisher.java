package com.bulkimport.relay.publish;

import com.bulkimport.relay.outbox.OutboxMessage;

import java.util.List;

/**
 * A transport for outbox messages. Implementations batch as their service allows and report an
 * outcome for every message; they never throw for a single message's failure.
 *
 * <p>Implementations: {@link EventBridgePublisher}, {@link SqsPublisher}, {@link KafkaPublisher}.
 */
public interface Publisher extends AutoCloseable {

    /**
     * @param messages in creation order
     * @return one outcome per message, in any order
     */
    List<PublishOutcome> publish(List<OutboxMessage> messages);

    /** Short name for logs and the {@code transport} tag of the metrics. */
    String name();

    /**
     * True when consumers see the events of one aggregate in the order they are handed over (Kafka:
     * one partition per key; SQS FIFO: one message group per aggregate). The relay then claims each
     * aggregate's events in creation order only. EventBridge and standard SQS queues promise no order.
     */
    default boolean preservesOrder() {
        return false;
    }

    @Override
    default void close() {
    }
}
