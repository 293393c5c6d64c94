package com.bulkimport.relay.publish;

import com.bulkimport.model.Priority;
import com.bulkimport.model.event.Audience;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventType;
import com.bulkimport.relay.outbox.OutboxMessage;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a transport that routes by itself (SQS, Kafka) sends each event: decided by the audience of
 * its type ({@link EventType#audience()}), so the work queue or topic receives work only. An event
 * without a destination is not sent and is marked published all the same, as EventBridge drops an
 * event no rule matches ({@link PublishOutcome.Status#UNROUTED}). EventBridge has no routes here: its
 * rules decide (infra/event-rules.json).
 */
interface Routes {

    /** @return the queue URL or topic of the message, or empty: nobody takes it */
    Optional<String> destination(OutboxMessage message);

    /** Every destination a message can have (for creating topics). */
    Set<String> destinations();

    /** SQS with the work queue only: every priority's work goes there. */
    static Routes queues(String work, String subscribers, String notifications) {
        return queues(lanes(null, work, null), subscribers, notifications);
    }

    /** The work queue of each priority: a lane without a queue (blank) sends its work to the normal one. */
    static Map<Priority, String> lanes(String high, String normal, String low) {
        Map<Priority, String> lanes = new EnumMap<>(Priority.class);
        lanes.put(Priority.NORMAL, normal);
        lanes.put(Priority.HIGH, blank(high) ? normal : high);
        lanes.put(Priority.LOW, blank(low) ? normal : low);
        return lanes;
    }

    /**
     * SQS: one queue per audience, and for work one per priority (its lane: docs/architecture.md, "Priority and
     * fairness"); an audience without a queue (blank) is not sent.
     *
     * @param work          IMPORT_JOB_STARTED and IMPORT_BATCH_READY by their payload's {@code priority}
     *                      (absent: normal); the normal lane is required
     * @param subscribers   record events and IMPORT_BATCH_APPLIED
     * @param notifications IMPORT_JOB_COMPLETED, _FAILED and _CANCELLED
     */
    static Routes queues(Map<Priority, String> work, String subscribers, String notifications) {
        if (blank(work.get(Priority.NORMAL))) {
            throw new IllegalArgumentException("the sqs transport needs bulkimport.relay.sqs.queue-url (the work queue)");
        }
        return new Routes() {
            @Override
            public Optional<String> destination(OutboxMessage message) {
                String queue = switch (EventType.audienceOf(message.type())) {
                    case WORKERS -> work.get(priorityOf(message));
                    case SUBSCRIBERS -> subscribers;
                    case NOTIFICATIONS -> notifications;
                    case NONE -> null;
                };
                return blank(queue) ? Optional.empty() : Optional.of(queue);
            }

            @Override
            public Set<String> destinations() {
                Set<String> queues = new LinkedHashSet<>();
                for (String queue : new String[] {work.get(Priority.HIGH), work.get(Priority.NORMAL),
                        work.get(Priority.LOW), subscribers, notifications}) {
                    if (!blank(queue)) {
                        queues.add(queue);
                    }
                }
                return queues;
            }
        };
    }

    /**
     * Kafka: work to the work topic; each record event to its record family's topic
     * ({@code <recordsPrefix><record>}, e.g. {@code bulk-import.records.restaurant}); a job's end
     * (notifications) and its batch summaries (IMPORT_BATCH_APPLIED) to the jobs topic; nothing else.
     */
    static Routes topics(String work, String recordsPrefix, String jobs) {
        if (blank(work) || blank(recordsPrefix) || blank(jobs)) {
            throw new IllegalArgumentException("the kafka transport needs bulkimport.relay.kafka.topic, "
                    + ".records-topic-prefix and .jobs-topic");
        }
        return new Routes() {
            @Override
            public Optional<String> destination(OutboxMessage message) {
                Optional<EventType> type = EventType.named(message.type());
                Audience audience = type.map(EventType::audience).orElse(Audience.NONE);
                return switch (audience) {
                    case WORKERS -> Optional.of(work);
                    case SUBSCRIBERS -> Optional.of(type.flatMap(EventType::recordName)
                            .map(record -> recordsPrefix + record).orElse(jobs));
                    case NOTIFICATIONS -> Optional.of(jobs);
                    case NONE -> Optional.empty();
                };
            }

            @Override
            public Set<String> destinations() {
                Set<String> topics = new LinkedHashSet<>();
                topics.add(work);
                topics.add(jobs);
                Arrays.stream(EventType.values()).flatMap(type -> type.recordName().stream())
                        .forEach(record -> topics.add(recordsPrefix + record));
                return topics;
            }
        };
    }

    /** The lane of a work event: its payload's {@code priority}; absent or unreadable is normal. */
    static Priority priorityOf(OutboxMessage message) {
        try {
            return Priority.ofWire(EventCodec.decode(message.payload()).payloadText("priority"));
        } catch (RuntimeException e) {
            return Priority.NORMAL;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
