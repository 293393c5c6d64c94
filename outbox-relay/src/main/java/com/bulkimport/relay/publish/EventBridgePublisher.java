package com.bulkimport.relay.publish;

import com.bulkimport.relay.outbox.OutboxMessage;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * EventBridge {@code PutEvents}: at most 10 entries and 256 KB per call. Source is the envelope's
 * source, DetailType its event type, Detail the envelope. Entries fail one by one
 * ({@code FailedEntryCount}); only the failed ones are retried.
 */
public final class EventBridgePublisher implements Publisher {

    static final int MAX_ENTRIES = 10;
    static final int MAX_BYTES = 256 * 1024;
    /** Error codes that a retry cannot fix. */
    private static final Set<String> PERMANENT = Set.of("MalformedDetail", "InvalidArgument", "ValidationException");

    private final EventBridgeClient client;
    private final String busName;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService callers;

    public EventBridgePublisher(EventBridgeClient client, String busName, int parallelCalls) {
        this.client = client;
        this.busName = busName;
        this.callers = Executors.newFixedThreadPool(parallelCalls, runnable -> {
            Thread thread = new Thread(runnable, "put-events-call");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String name() {
        return "eventbridge";
    }

    @Override
    public List<PublishOutcome> publish(List<OutboxMessage> messages) {
        List<PublishOutcome> outcomes = new ArrayList<>(messages.size());
        List<Call> calls = new ArrayList<>();
        Call call = new Call();
        for (OutboxMessage message : messages) {
            PutEventsRequestEntry entry = entryFor(message);
            int size = sizeOf(entry);
            if (size > MAX_BYTES) {
                outcomes.add(PublishOutcome.dead(message.id(), "event is " + size + " bytes; EventBridge takes at most "
                        + MAX_BYTES));
                continue;
            }
            if (call.entries.size() == MAX_ENTRIES || call.bytes + size > MAX_BYTES) {
                calls.add(call);
                call = new Call();
            }
            call.add(message, entry, size);
        }
        if (!call.entries.isEmpty()) {
            calls.add(call);
        }
        // the calls of a round go out in parallel: a round of 100 events costs one round trip, not ten
        List<CompletableFuture<List<PublishOutcome>>> sent = calls.stream()
                .map(c -> CompletableFuture.supplyAsync(() -> send(c.messages, c.entries), callers)).toList();
        sent.forEach(f -> outcomes.addAll(f.join()));
        return outcomes;
    }

    /** The entries of one PutEvents call. */
    private static final class Call {
        final List<OutboxMessage> messages = new ArrayList<>(MAX_ENTRIES);
        final List<PutEventsRequestEntry> entries = new ArrayList<>(MAX_ENTRIES);
        int bytes;

        void add(OutboxMessage message, PutEventsRequestEntry entry, int size) {
            messages.add(message);
            entries.add(entry);
            bytes += size;
        }
    }

    private List<PublishOutcome> send(List<OutboxMessage> chunk, List<PutEventsRequestEntry> entries) {
        List<PublishOutcome> outcomes = new ArrayList<>(chunk.size());
        PutEventsResponse response;
        try {
            response = client.putEvents(b -> b.entries(entries));
        } catch (SdkException e) {
            for (OutboxMessage message : chunk) {
                outcomes.add(PublishOutcome.retry(message.id(), "PutEvents failed: " + e.getMessage()));
            }
            return outcomes;
        }
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < chunk.size(); i++) {
            OutboxMessage message = chunk.get(i);
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

    private PutEventsRequestEntry entryFor(OutboxMessage message) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(sourceOf(message))
                .detailType(message.type())
                .detail(message.payload())
                .build();
    }

    private String sourceOf(OutboxMessage message) {
        JsonNode source = json.readTree(message.payload()).get("source");
        return source == null || source.asString().isBlank() ? "bulk-import" : source.asString();
    }

    /** EventBridge's own entry size rule: UTF-8 bytes of source, detail type and detail, plus 14 for the time. */
    static int sizeOf(PutEventsRequestEntry entry) {
        return 14 + bytes(entry.source()) + bytes(entry.detailType()) + bytes(entry.detail());
    }

    private static int bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
