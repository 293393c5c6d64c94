package com.bulkimport.relay.publish;

import com.bulkimport.relay.outbox.OutboxMessage;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * EventBridge {@code PutEvents}: at most 10 entries and 256 KB per call. Source is the envelope's
 * source, DetailType its event type, Detail the envelope. Entries fail one by one
 * ({@code FailedEntryCount}); only the failed ones are retried. EventBridge promises no order.
 */
public final class EventBridgePublisher implements Publisher {

    static final int MAX_ENTRIES = 10;
    static final int MAX_BYTES = 256 * 1024;
    /** Error codes that a retry cannot fix. */
    private static final Set<String> PERMANENT = Set.of("MalformedDetail", "InvalidArgument", "ValidationException");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEFAULT_SOURCE = "bulk-import";

    private final EventBridgeClient client;
    private final String busName;
    private final ExecutorService callers;

    public EventBridgePublisher(EventBridgeClient client, String busName, int parallelCalls) {
        this.client = client;
        this.busName = busName;
        this.callers = Callers.pool("put-events-call", parallelCalls - 1);
    }

    @Override
    public String name() {
        return "eventbridge";
    }

    private record Entry(OutboxMessage message, PutEventsRequestEntry entry, int size) {
    }

    @Override
    public List<PublishOutcome> publish(List<OutboxMessage> messages) {
        List<PublishOutcome> outcomes = new ArrayList<>(messages.size());
        List<Entry> sendable = new ArrayList<>(messages.size());
        for (OutboxMessage message : messages) {
            PutEventsRequestEntry entry = entryFor(message, busName);
            int size = sizeOf(entry);
            if (size > MAX_BYTES) {
                outcomes.add(PublishOutcome.dead(message.id(), "event is " + size + " bytes; EventBridge takes at most "
                        + MAX_BYTES));
            } else {
                sendable.add(new Entry(message, entry, size));
            }
        }
        // the calls of a round go out in parallel: a round of 100 events costs one round trip, not ten
        List<Supplier<List<PublishOutcome>>> calls = Chunks.split(sendable, Entry::size, MAX_ENTRIES, MAX_BYTES)
                .stream().<Supplier<List<PublishOutcome>>>map(chunk -> () -> send(chunk)).toList();
        outcomes.addAll(Callers.makeAll(calls, callers));
        return outcomes;
    }

    private List<PublishOutcome> send(List<Entry> chunk) {
        List<PublishOutcome> outcomes = new ArrayList<>(chunk.size());
        PutEventsResponse response;
        try {
            response = client.putEvents(b -> b.entries(chunk.stream().map(Entry::entry).toList()));
        } catch (SdkException e) {
            chunk.forEach(entry -> outcomes.add(AwsErrors.outcome(entry.message().id(), "PutEvents", e)));
            return outcomes;
        }
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < chunk.size(); i++) {
            OutboxMessage message = chunk.get(i).message();
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result == null) {
                outcomes.add(PublishOutcome.retry(message.id(), "PutEvents returned no result for the entry"));
            } else if (result.errorCode() == null) {
                outcomes.add(PublishOutcome.ok(message.id()));
            } else {
                String error = result.errorCode() + ": " + result.errorMessage();
                outcomes.add(PERMANENT.contains(result.errorCode())
                        ? PublishOutcome.dead(message.id(), error) : PublishOutcome.retry(message.id(), error));
            }
        }
        return outcomes;
    }

    /** The entry for one message; the shared rule file matches on its Source and DetailType. */
    static PutEventsRequestEntry entryFor(OutboxMessage message, String busName) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(sourceOf(message))
                .detailType(message.type())
                .detail(message.payload())
                .build();
    }

    /**
     * The envelope's {@code source}, read as a stream that stops there: a relay at thousands of events a second must
     * not build the whole payload's tree for one field. Envelopes come out of a {@code jsonb} column, which writes
     * shorter keys first, so {@code source} comes before the record; a payload in another order is skipped over
     * without being built.
     */
    static String sourceOf(OutboxMessage message) {
        try (JsonParser parser = JSON.createParser(message.payload())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return DEFAULT_SOURCE;
            }
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if ("source".equals(name)) {
                    return value == JsonToken.VALUE_STRING && !parser.getString().isBlank() ? parser.getString()
                            : DEFAULT_SOURCE;
                }
                parser.skipChildren();
            }
            return DEFAULT_SOURCE;
        } catch (JacksonException e) {
            return DEFAULT_SOURCE; // EventBridge itself will refuse the Detail, and the row goes DEAD with its reason
        }
    }

    /** EventBridge's own entry size rule: UTF-8 bytes of source, detail type and detail, plus 14 for the time. */
    static int sizeOf(PutEventsRequestEntry entry) {
        return 14 + Utf8.length(entry.source()) + Utf8.length(entry.detailType()) + Utf8.length(entry.detail());
    }

    @Override
    public void close() {
        callers.shutdownNow();
        client.close();
    }
}
