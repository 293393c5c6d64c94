package com.bulkimport.relay.publish;

import com.bulkimport.relay.outbox.OutboxMessage;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * SQS {@code SendMessageBatch} straight to the queues of {@link Routes#queues}: work to the work queue,
 * record events and batch summaries to the subscribers' queue, a job's end to the notifications queue;
 * an event whose audience has no queue is not sent ({@link PublishOutcome.Status#UNROUTED}). At most
 * 10 entries and 256 KB per call, each call to one queue. The body is the envelope; message attributes
 * {@code event_type} and {@code trace_id} let consumers filter and trace without parsing it.
 *
 * <p>A FIFO queue (its URL ends in {@code .fifo}) gets {@code MessageGroupId} = aggregate id and
 * {@code MessageDeduplicationId} = event id, so a republished event within SQS's five-minute window
 * is dropped by SQS itself, and one aggregate's events are delivered in order. To keep that order
 * the calls of one aggregate to one queue go out one after the other (aggregates are spread over
 * parallel lanes), and once an event fails the later events of its aggregate for that queue in the
 * same round are held back. Standard queues promise no order; their calls all go out in parallel.
 */
public final class SqsPublisher implements Publisher {

    static final int MAX_ENTRIES = 10;
    static final int MAX_BYTES = 256 * 1024;
    static final String EVENT_TYPE = "event_type";
    static final String TRACE_ID = "trace_id";
    /** Error codes SQS gives a message it will never take (AWS's, and ElasticMQ's for an unparsable body). */
    private static final Set<String> CONTENT_ERRORS = Set.of("InvalidMessageContents", "MessageTooLong",
            "InvalidAttributeValue", "InvalidAttributeName", "InvalidParameterValue", "InvalidRequest",
            "MalformedRequestContentRejection");

    private final SqsClient client;
    private final Routes routes;
    private final boolean anyFifo;
    private final int lanes;
    private final ExecutorService callers;

    SqsPublisher(SqsClient client, Routes routes, int parallelCalls) {
        this.client = client;
        this.routes = routes;
        this.anyFifo = routes.destinations().stream().anyMatch(SqsPublisher::fifo);
        this.lanes = Math.max(1, parallelCalls);
        this.callers = Callers.pool("send-message-batch-call", lanes - 1);
    }

    private static boolean fifo(String queueUrl) {
        return queueUrl.endsWith(".fifo");
    }

    @Override
    public String name() {
        return "sqs";
    }

    /** With a FIFO queue among them, the relay claims each aggregate's events in order (for all queues). */
    @Override
    public boolean preservesOrder() {
        return anyFifo;
    }

    private record Entry(OutboxMessage message, String queue, SendMessageBatchRequestEntry entry, int size) {
    }

    @Override
    public List<PublishOutcome> publish(List<OutboxMessage> messages) {
        List<PublishOutcome> outcomes = new ArrayList<>(messages.size());
        List<Entry> sendable = new ArrayList<>(messages.size());
        for (OutboxMessage message : messages) {
            String queue = routes.destination(message).orElse(null);
            if (queue == null) {
                outcomes.add(PublishOutcome.unrouted(message.id()));
                continue;
            }
            Entry entry = entryFor(message, queue);
            if (entry.size() > MAX_BYTES) {
                outcomes.add(PublishOutcome.dead(message.id(), "message is " + entry.size()
                        + " bytes with its attributes; SQS takes at most " + MAX_BYTES));
            } else {
                sendable.add(entry);
            }
        }
        List<Entry> ordered = new ArrayList<>(sendable.size());
        List<Supplier<List<PublishOutcome>>> calls = new ArrayList<>();
        for (List<Entry> toQueue : byQueue(sendable)) {
            if (fifo(toQueue.get(0).queue())) {
                ordered.addAll(toQueue);
            } else {
                Chunks.split(toQueue, Entry::size, MAX_ENTRIES, MAX_BYTES)
                        .forEach(chunk -> calls.add(() -> send(chunk)));
            }
        }
        byLane(ordered).forEach(lane -> calls.add(() -> sendInOrder(lane)));
        outcomes.addAll(Callers.makeAll(calls, callers));
        return outcomes;
    }

    /** The entries of each queue, in their order. */
    private static List<List<Entry>> byQueue(List<Entry> entries) {
        Map<String, List<Entry>> byQueue = new LinkedHashMap<>();
        entries.forEach(entry -> byQueue.computeIfAbsent(entry.queue(), q -> new ArrayList<>()).add(entry));
        return new ArrayList<>(byQueue.values());
    }

    /** One aggregate always lands in the same lane, so its calls are made one after the other. */
    private List<List<Entry>> byLane(List<Entry> entries) {
        Map<Integer, List<Entry>> byLane = new LinkedHashMap<>();
        for (Entry entry : entries) {
            int lane = Math.floorMod(entry.message().aggregateId().hashCode(), lanes);
            byLane.computeIfAbsent(lane, l -> new ArrayList<>()).add(entry);
        }
        return new ArrayList<>(byLane.values());
    }

    /** A lane's calls one after the other, each to one queue; a failed event holds back its group in that queue. */
    private List<PublishOutcome> sendInOrder(List<Entry> lane) {
        List<PublishOutcome> outcomes = new ArrayList<>(lane.size());
        Set<String> failedGroups = new HashSet<>();
        List<List<Entry>> chunks = new ArrayList<>();
        byQueue(lane).forEach(toQueue -> chunks.addAll(Chunks.split(toQueue, Entry::size, MAX_ENTRIES, MAX_BYTES)));
        for (List<Entry> chunk : chunks) {
            List<Entry> go = new ArrayList<>(chunk.size());
            for (Entry entry : chunk) {
                if (failedGroups.contains(group(entry))) {
                    outcomes.add(PublishOutcome.held(entry.message().id(), "an earlier event of aggregate "
                            + entry.message().aggregateId() + " failed"));
                } else {
                    go.add(entry);
                }
            }
            if (go.isEmpty()) {
                continue;
            }
            List<PublishOutcome> sent = send(go);
            for (int i = 0; i < sent.size(); i++) {
                if (!sent.get(i).published()) {
                    failedGroups.add(group(go.get(i)));
                }
            }
            outcomes.addAll(sent);
        }
        return outcomes;
    }

    private static String group(Entry entry) {
        return entry.queue() + " " + entry.message().aggregateId();
    }

    /** @return outcomes in the order of {@code chunk}, whose entries all go to one queue */
    private List<PublishOutcome> send(List<Entry> chunk) {
        List<PublishOutcome> outcomes = new ArrayList<>(chunk.size());
        SendMessageBatchResponse response;
        String queueUrl = chunk.get(0).queue();
        try {
            response = client.sendMessageBatch(b -> b.queueUrl(queueUrl)
                    .entries(chunk.stream().map(Entry::entry).toList()));
        } catch (SdkException e) {
            if (!AwsErrors.unavailable(e) && chunk.size() > 1) {
                // the service refused the call as a whole: find the entry it objects to, and spare its neighbours
                chunk.forEach(entry -> outcomes.addAll(send(List.of(entry))));
                return outcomes;
            }
            chunk.forEach(entry -> outcomes.add(refusesContent(e)
                    ? PublishOutcome.dead(entry.message().id(), AwsErrors.describe("SendMessageBatch", e))
                    : AwsErrors.outcome(entry.message().id(), "SendMessageBatch", e)));
            return outcomes;
        }
        Set<String> sent = new HashSet<>();
        response.successful().forEach(ok -> sent.add(ok.id()));
        Map<String, BatchResultErrorEntry> failed = new LinkedHashMap<>();
        response.failed().forEach(error -> failed.put(error.id(), error));
        for (Entry entry : chunk) {
            String id = entry.entry().id();
            BatchResultErrorEntry error = failed.get(id);
            if (sent.contains(id)) {
                outcomes.add(PublishOutcome.ok(entry.message().id()));
            } else if (error == null) {
                outcomes.add(PublishOutcome.retry(entry.message().id(), "SendMessageBatch returned no result"));
            } else {
                String reason = error.code() + ": " + error.message();
                // SenderFault: the message itself is wrong (invalid characters, too long); a retry cannot help
                outcomes.add(Boolean.TRUE.equals(error.senderFault())
                        ? PublishOutcome.dead(entry.message().id(), reason)
                        : PublishOutcome.retry(entry.message().id(), reason));
            }
        }
        return outcomes;
    }

    /** A refusal of what the message holds, which no retry can change. */
    private static boolean refusesContent(SdkException e) {
        return CONTENT_ERRORS.contains(String.valueOf(AwsErrors.code(e)));
    }

    private static Entry entryFor(OutboxMessage message, String queue) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(EVENT_TYPE, text(message.type()));
        if (message.traceId() != null && !message.traceId().isBlank()) {
            attributes.put(TRACE_ID, text(message.traceId())); // SQS refuses empty attribute values
        }
        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                // unique within the call is all SQS asks; the event id is, and reads well in its errors
                .id(message.id().toString())
                .messageBody(message.payload())
                .messageAttributes(attributes);
        if (fifo(queue)) {
            entry.messageGroupId(message.aggregateId()).messageDeduplicationId(message.id().toString());
        }
        return new Entry(message, queue, entry.build(), sizeOf(message.payload(), attributes));
    }

    /** SQS counts the body and every attribute's name, data type and value towards the limit. */
    static int sizeOf(String body, Map<String, MessageAttributeValue> attributes) {
        int size = Utf8.length(body);
        for (Map.Entry<String, MessageAttributeValue> attribute : attributes.entrySet()) {
            size += Utf8.length(attribute.getKey()) + Utf8.length(attribute.getValue().dataType())
                    + Utf8.length(attribute.getValue().stringValue());
        }
        return size;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Override
    public void close() {
        callers.shutdownNow();
        client.close();
    }
}
