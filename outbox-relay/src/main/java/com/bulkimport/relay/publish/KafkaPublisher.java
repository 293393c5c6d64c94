package com.bulkimport.relay.publish;

import com.bulkimport.relay.outbox.OutboxMessage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kafka through spring-kafka, to the topics of {@link Routes#topics}: work to the work topic, each record
 * event to its record family's topic, a job's end and its batch summaries to the jobs topic; an event
 * for nobody (IMPORT_JOB_CREATED, an unknown type) is not sent ({@link PublishOutcome.Status#UNROUTED}).
 * Key = aggregate id (the job id, or a record event's record id), so one aggregate stays in one
 * partition of its topic, in order; value = the envelope; headers {@code event_type}, {@code trace_id},
 * {@code event_id} and {@code aggregate_type}. The producer is idempotent with {@code acks=all} (set in
 * {@code PublisherConfiguration}, whatever the configured producer settings say): its own retries
 * neither duplicate nor reorder records of a partition.
 *
 * <p>A round sends every record, flushes once and then waits for the acknowledgements, so a round
 * of a thousand events costs about one round trip.
 */
public final class KafkaPublisher implements Publisher {

    static final String EVENT_TYPE = "event_type";
    static final String TRACE_ID = "trace_id";
    static final String EVENT_ID = "event_id";
    static final String AGGREGATE_TYPE = "aggregate_type";
    /** Record and batch framing on top of key, value and headers; a generous estimate. */
    private static final int FRAMING_BYTES = 128;

    private final KafkaTemplate<String, String> template;
    private final Routes routes;
    private final int maxRecordBytes;
    private final Duration ackTimeout;

    /**
     * @param maxRecordBytes the producer's {@code max.request.size}: larger records are refused up front
     * @param ackTimeout     how long a round waits for acknowledgements (at least delivery.timeout.ms)
     */
    KafkaPublisher(ProducerFactory<String, String> producers, Routes routes, int maxRecordBytes, Duration ackTimeout) {
        this.template = new KafkaTemplate<>(producers);
        this.routes = routes;
        this.maxRecordBytes = maxRecordBytes;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public String name() {
        return "kafka";
    }

    /** The settings the producer was built with (tests hold them to acks=all and idempotence). */
    Map<String, Object> producerConfig() {
        return template.getProducerFactory().getConfigurationProperties();
    }

    @Override
    public boolean preservesOrder() {
        return true;
    }

    @Override
    public List<PublishOutcome> publish(List<OutboxMessage> messages) {
        List<PublishOutcome> outcomes = new ArrayList<>(messages.size());
        List<OutboxMessage> inFlight = new ArrayList<>(messages.size());
        List<CompletableFuture<SendResult<String, String>>> acks = new ArrayList<>(messages.size());
        String unreachable = null;
        for (OutboxMessage message : messages) {
            if (unreachable != null) {
                // send() already blocked for max.block.ms on missing metadata: do not wait that long per record
                outcomes.add(PublishOutcome.unavailable(message.id(), unreachable));
                continue;
            }
            String topic = routes.destination(message).orElse(null);
            if (topic == null) {
                outcomes.add(PublishOutcome.unrouted(message.id()));
                continue;
            }
            ProducerRecord<String, String> record = recordFor(message, topic);
            int size = sizeOf(record);
            if (size > maxRecordBytes) {
                outcomes.add(PublishOutcome.dead(message.id(), "record is about " + size
                        + " bytes; the producer takes at most " + maxRecordBytes + " (max.request.size)"));
                continue;
            }
            PublishOutcome failedAtOnce;
            try {
                CompletableFuture<SendResult<String, String>> ack = template.send(record);
                if (!ack.isCompletedExceptionally()) {
                    acks.add(ack);
                    inFlight.add(message);
                    continue;
                }
                failedAtOnce = await(message, ack, System.nanoTime());
            } catch (RuntimeException e) {
                failedAtOnce = outcomeOf(message, e);
            }
            outcomes.add(failedAtOnce);
            if (failedAtOnce.status() == PublishOutcome.Status.UNAVAILABLE) {
                unreachable = failedAtOnce.error();
            }
        }
        template.flush();
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (int i = 0; i < inFlight.size(); i++) {
            outcomes.add(await(inFlight.get(i), acks.get(i), deadline));
        }
        return outcomes;
    }

    private PublishOutcome await(OutboxMessage message, CompletableFuture<SendResult<String, String>> ack,
                                 long deadline) {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return PublishOutcome.ok(message.id());
        } catch (ExecutionException e) {
            return outcomeOf(message, e.getCause());
        } catch (TimeoutException e) {
            return PublishOutcome.unavailable(message.id(), "no acknowledgement from Kafka within " + ackTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PublishOutcome.unavailable(message.id(), "interrupted while waiting for Kafka");
        }
    }

    private static PublishOutcome outcomeOf(OutboxMessage message, Throwable failure) {
        Throwable cause = rootOf(failure);
        String error = "Kafka send failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException || cause instanceof SerializationException) {
            return PublishOutcome.dead(message.id(), error);
        }
        if (cause instanceof RetriableException) {
            return PublishOutcome.unavailable(message.id(), error); // timeouts, lost leaders, network
        }
        return PublishOutcome.retry(message.id(), error);
    }

    /** The Kafka client's own exception inside spring-kafka's wrappers, which says what went wrong. */
    private static Throwable rootOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.KafkaException) {
                return t;
            }
        }
        return failure;
    }

    private static ProducerRecord<String, String> recordFor(OutboxMessage message, String topic) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EVENT_TYPE, utf8(message.type()));
        if (message.traceId() != null) {
            headers.add(TRACE_ID, utf8(message.traceId()));
        }
        headers.add(EVENT_ID, utf8(message.id().toString()));
        headers.add(AGGREGATE_TYPE, utf8(message.aggregateType()));
        return new ProducerRecord<>(topic, null, message.aggregateId(), message.payload(), headers);
    }

    private static int sizeOf(ProducerRecord<String, String> record) {
        int size = FRAMING_BYTES + utf8(record.key()).length + utf8(record.value()).length;
        for (var header : record.headers()) {
            size += utf8(header.key()).length + header.value().length;
        }
        return size;
    }

    private static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        template.destroy();
    }
}
