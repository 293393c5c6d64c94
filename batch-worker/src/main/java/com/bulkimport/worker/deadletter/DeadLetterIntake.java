package com.bulkimport.worker.deadletter;

import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every transport does with work it gave up on (the SQS DLQ, the Kafka DLT): in one transaction,
 * its batch or ingest fails its job with the last error ({@link WorkGaveUp}), the message is kept in
 * {@code dead_letters} for operators, and an ingest that had moved on goes back to work. The caller
 * removes the message from its dead-letter queue or topic only after this returned.
 */
@Component
public class DeadLetterIntake {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterIntake.class);

    private final DeadLetters deadLetters;
    private final WorkGaveUp gaveUp;
    private final BackToWork backToWork;
    private final TransactionTemplate tx;

    DeadLetterIntake(DeadLetters deadLetters, WorkGaveUp gaveUp, BackToWork backToWork, TransactionTemplate tx) {
        this.deadLetters = deadLetters;
        this.gaveUp = gaveUp;
        this.backToWork = backToWork;
        this.tx = tx;
    }

    /**
     * @param messageId    unique per dead-lettered message: a second delivery of it records nothing new
     * @param receiveCount how often the message was received, the dead-letter delivery included; null if unknown
     * @return the reason recorded
     */
    public String take(String messageId, String body, Integer receiveCount) {
        EventEnvelope event = null;
        String malformed = null;
        try {
            event = EventCodec.decode(body);
        } catch (EventCodec.MalformedEvent e) {
            malformed = "not an event: " + e.getMessage();
        }
        EventEnvelope decoded = event;
        String notAnEvent = malformed;
        String reason = tx.execute(status -> {
            String why = decoded == null ? notAnEvent : reasonFor(decoded, receiveCount);
            deadLetters.record(messageId, decoded, body, why, receiveCount);
            if (WorkGaveUp.resent(why)) {
                backToWork.send(body);
            }
            return why;
        });
        log.warn("dead letter {} ({}) recorded: {}", messageId, decoded == null ? "malformed" : decoded.eventType(),
                reason);
        return reason;
    }

    private String reasonFor(EventEnvelope event, Integer receiveCount) {
        EventPayload payload = event.knownPayload();
        if (payload == null) {
            // nothing to fail, but the letter must still be kept rather than block the DLQ
            return "an event no job can be found for (an unknown type, no job id, or ids that are not UUIDs): "
                    + event.eventType();
        }
        return gaveUp.apply(payload, receiveCount);
    }
}
