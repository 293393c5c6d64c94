package com.bulkimport.worker.deadletter;

import com.bulkimport.model.LogText;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every transport does with work it gave up on (the SQS DLQ, the Kafka DLT): in one transaction,
 * its batch or ingest fails its job with the last error ({@link DeadLetterVerdicts}), the message is kept in
 * {@code dead_letters} for operators, and an ingest that had moved on goes back to work. The caller
 * removes the message from its dead-letter queue or topic only after this returned.
 */
@Component
public class DeadLetterIntake {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterIntake.class);

    private final DeadLetters deadLetters;
    private final DeadLetterVerdicts verdicts;
    private final WorkRequeue requeue;
    private final TransactionTemplate tx;

    DeadLetterIntake(DeadLetters deadLetters, DeadLetterVerdicts verdicts, WorkRequeue requeue, TransactionTemplate tx) {
        this.deadLetters = deadLetters;
        this.verdicts = verdicts;
        this.requeue = requeue;
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
            DeadLetterVerdicts.Verdict verdict = decoded == null ? DeadLetterVerdicts.Verdict.kept(notAnEvent)
                    : verdictOn(decoded, receiveCount);
            deadLetters.record(messageId, decoded, body, verdict.reason(), receiveCount);
            if (verdict.requeue()) {
                requeue.requeue(body);
            }
            return verdict.reason();
        });
        log.warn("dead letter {} ({}) recorded: {}", messageId, decoded == null ? "malformed" : decoded.eventType(),
                LogText.clean(reason));
        return reason;
    }

    private DeadLetterVerdicts.Verdict verdictOn(EventEnvelope event, Integer receiveCount) {
        EventPayload payload = event.knownPayload();
        if (payload == null) {
            // nothing to fail, but the letter must still be kept rather than block the DLQ
            return DeadLetterVerdicts.Verdict.kept("an event no job can be found for (an unknown type, no job id,"
                    + " or ids that are not UUIDs): " + event.eventType());
        }
        return verdicts.judge(payload, receiveCount);
    }
}
