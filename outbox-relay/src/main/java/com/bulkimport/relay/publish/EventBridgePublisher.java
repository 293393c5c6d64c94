package com.bulkimport.relay.publish;

import com.bulkimport.relay.outbox.OutboxMessage;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

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

    private final EventBridgeClient client;
    private final String busName;
    private final ExecutorService callers;

    public EventBridgePublisher(EventBridgeClient client, String busName, int parallelCalls) {
        this.client = client;
        this.busName = busName;
        this.callers = Callers.pool("put-events-call", parallelCalls);
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
        List<CompletableFuture<List<PublishOutcome>>> calls = Chunks.split(sendable, Entry::size, MAX_ENTRIES, MAX_BYTES)
                .stream().map(chunk -> CompletableFuture.supplyAsync(() -> send(chunk), callers)).toList();
        calls.forEach(call -> outcomes.addAll(call.join()));
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

    private static String sourceOf(OutboxMessage message) {
        try {
            JsonNode payload = JSON.readTree(message.payload());
            JsonNode source = payload == null ? null : payload.get("source");
            return source == null || source.asString().isBlank() ? "bulk-import" : source.asString();
        } catch (JacksonException e) {
            return "bulk-import"; // EventBridge itself will refuse the Detail, and the row goes DEAD with its reason
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
