package com.bulkimport.worker.kafka;

import com.bulkimport.model.LogText;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.worker.metrics.ImportMetrics;
import com.bulkimport.worker.queue.RetryLater;
import com.bulkimport.worker.queue.WorkDispatcher;
import com.bulkimport.worker.queue.WorkTransport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.support.Acknowledgment;

import java.time.Duration;

/**
 * One work record: decoded, handed to the same {@link WorkDispatcher} as SQS messages, and acknowledged
 * only once the handler returned, which is after its transaction committed (effects and inbox row
 * together, so a record delivered again after a crash changes nothing).
 *
 * <ul>
 *   <li>{@link RetryLater} (the job is not visible yet, another worker holds the ingest): the record is
 *       nacked and comes back after the delay. The container's error handler never sees it, so it does
 *       not count as a failed delivery and can never send the record to the dead-letter topic.</li>
 *   <li>A record that is not an event cannot succeed: {@link EventCodec.MalformedEvent} is not retryable
 *       and goes to the dead-letter topic at once.</li>
 *   <li>Anything else propagates to the error handler: backoff, then the dead-letter topic.</li>
 * </ul>
 */
final class KafkaWorkListener implements AcknowledgingMessageListener<String, String> {

    private static final Logger log = LoggerFactory.getLogger(KafkaWorkListener.class);

    private final WorkDispatcher dispatcher;
    private final ImportMetrics metrics;
    private final Duration maxNackDelay;

    KafkaWorkListener(WorkDispatcher dispatcher, ImportMetrics metrics, Duration maxNackDelay) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.maxNackDelay = maxNackDelay;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        EventEnvelope event;
        try {
            if (record.value() == null) {
                throw new EventCodec.MalformedEvent("a record without a value", null);
            }
            event = EventCodec.decode(record.value());
        } catch (EventCodec.MalformedEvent e) {
            log.error("record {}-{}@{} is not an event ({}); it goes to the dead-letter topic", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            throw e;
        }
        try {
            dispatcher.dispatch(event);
        } catch (RetryLater e) {
            Duration delay = e.delay().compareTo(maxNackDelay) > 0 ? maxNackDelay : e.delay();
            log.info("{} {} postponed by {}: {}", event.eventType(), event.eventId(), delay, e.getMessage());
            metrics.postponed(WorkTransport.KAFKA, event.eventType());
            acknowledgment.nack(delay);
            return;
        } catch (RuntimeException e) {
            log.warn("{} {} failed (delivery {} of {}-{}@{}): {}", event.eventType(), event.eventId(),
                    KafkaRecords.deliveryAttempt(record), record.topic(), record.partition(), record.offset(),
                    LogText.clean(e.toString()));
            throw e;
        }
        acknowledgment.acknowledge();
    }
}
