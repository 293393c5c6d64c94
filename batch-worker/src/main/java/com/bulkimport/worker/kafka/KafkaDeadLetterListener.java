package com.bulkimport.worker.kafka;

import com.bulkimport.worker.deadletter.DeadLetterIntake;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Reads the dead-letter topic exactly as the SQS DLQ is read ({@link DeadLetterIntake}): the letter is
 * kept, its batch or ingest fails its job; the offset is committed only after that transaction. Should
 * the database be away, the record is delivered again (the container's error handler has no recoverer:
 * a dead letter is never dropped).
 */
final class KafkaDeadLetterListener implements AcknowledgingMessageListener<String, String> {

    private final DeadLetterIntake intake;

    KafkaDeadLetterListener(DeadLetterIntake intake) {
        this.intake = intake;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        // a record without a value (a tombstone) is kept with an empty body: dead_letters.body is NOT NULL, and
        // a letter that cannot be stored would stop this reader for good
        String body = record.value() == null ? "" : record.value();
        intake.take(KafkaRecords.originOf(record), body, receiveCount(record));
        acknowledgment.acknowledge();
    }

    /**
     * Deliveries of the work record plus this one, as SQS counts receives across the queue and its DLQ,
     * so that operators read the same number for either transport.
     */
    private static Integer receiveCount(ConsumerRecord<String, String> record) {
        Integer attempts = KafkaRecords.deliveryAttempt(record);
        return attempts == null ? null : attempts + 1;
    }
}
