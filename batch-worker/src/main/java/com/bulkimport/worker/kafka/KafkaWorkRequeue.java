package com.bulkimport.worker.kafka;

import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventPayload;
import com.bulkimport.worker.deadletter.WorkRequeue;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Dead letters go back to the work topic as the relay would publish them: key = the job (the
 * aggregate, so the job's records stay in one partition), headers {@code event_type}, {@code trace_id}
 * and {@code event_id}. The send is awaited: the caller's transaction commits only once Kafka has it.
 */
final class KafkaWorkRequeue implements WorkRequeue {

    private final KafkaTemplate<String, String> template;
    private final String topic;
    private final Duration timeout;

    KafkaWorkRequeue(KafkaTemplate<String, String> template, String topic, Duration timeout) {
        this.template = template;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void requeue(String body) {
        RecordHeaders headers = new RecordHeaders();
        String key = null;
        try {
            EventEnvelope event = EventCodec.decode(body);
            EventPayload payload = event.knownPayload();
            key = payload == null ? null : payload.jobId().toString();
            headers.add("event_type", utf8(event.eventType()));
            if (event.traceId() != null) {
                headers.add("trace_id", utf8(event.traceId()));
            }
            headers.add("event_id", utf8(event.eventId().toString()));
        } catch (EventCodec.MalformedEvent e) {
            // sent as it is: the worker sends it straight back to the dead-letter topic, with the reason
        }
        try {
            template.send(new ProducerRecord<>(topic, null, key, body, headers))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the record for " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement from Kafka for " + topic + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
