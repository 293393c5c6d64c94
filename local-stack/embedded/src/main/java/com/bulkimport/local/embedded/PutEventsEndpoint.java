package com.bulkimport.local.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.event.ruler.GenericMachine;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * EventBridge's {@code PutEvents} for a laptop: the AWS SDK talks to it as to AWS
 * ({@code X-Amz-Target: AWSEvents.PutEvents}, {@code application/x-amz-json-1.1}). Each entry becomes an
 * EventBridge event, is matched with event-ruler (AWS's own matcher) against the shared rule file,
 * and lands in the target ElasticMQ queue. Per-entry failures are reported the AWS way
 * ({@code FailedEntryCount}, {@code ErrorCode}), which tests can provoke with {@link #failEntries}.
 */
public final class PutEventsEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PutEventsEndpoint.class);
    static final int MAX_ENTRIES = 10;
    static final int MAX_REQUEST_BYTES = 256 * 1024;

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final HttpServer server;
    private final EventRules rules;
    private final GenericMachine<String> machine = new GenericMachine<>();
    private final SqsClient sqs;
    private final SqsServer queues;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<JsonNode>> callObservers = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Map<String, EventRules.Rule> byName;

    private PutEventsEndpoint(HttpServer server, EventRules rules, SqsServer queues) throws IOException {
        this.server = server;
        this.rules = rules;
        this.queues = queues;
        this.sqs = queues.client();
        for (EventRules.Rule rule : rules.rules()) {
            machine.addRule(rule.name(), rule.patternJson());
        }
        this.byName = rules.rules().stream().collect(Collectors.toMap(EventRules.Rule::name, r -> r));
    }

    public static PutEventsEndpoint start(int port, EventRules rules, SqsServer queues) throws IOException {
        // the JDK server leaves Nagle on unless told: its small responses then wait for the client's
        // delayed ACK, about 40 ms a call, which would make every PutEvents look slow (read once, at
        // the server's first use, so it is set before the first server is made)
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        PutEventsEndpoint endpoint = new PutEventsEndpoint(server, rules, queues);
        server.createContext("/", endpoint::handle);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "put-events");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return endpoint;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Entries accepted (matched or not) since start. */
    public int acceptedCount() {
        return accepted.get();
    }

    /**
     * Makes the next {@code times} entries that satisfy {@code which} fail with {@code errorCode},
     * as AWS does under throttling or internal errors. Returns a handle to see how often it fired.
     */
    public Fault failEntries(Predicate<JsonNode> which, String errorCode, int times) {
        Fault fault = new Fault(which, errorCode, new AtomicInteger(times), new AtomicInteger());
        faults.add(fault);
        return fault;
    }

    public void clearFaults() {
        faults.clear();
    }

    /**
     * Shows every well-formed PutEvents request (its JSON body, before any check) to {@code observer},
     * so tests can see how a client batches its calls.
     */
    public void observeCalls(java.util.function.Consumer<JsonNode> observer) {
        callObservers.add(observer);
    }

    public void clearCallObservers() {
        callObservers.clear();
    }

    /** An injected failure; {@code fired} counts the entries it failed. */
    public record Fault(Predicate<JsonNode> which, String errorCode, AtomicInteger remaining, AtomicInteger fired) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || !"AWSEvents.PutEvents".equals(target)) {
                error(exchange, 400, "UnknownOperationException", "only AWSEvents.PutEvents is served here");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request;
            try {
                request = mapper.readTree(body);
            } catch (JacksonException e) {
                error(exchange, 400, "SerializationException", "request body is not JSON");
                return;
            }
            JsonNode observed = request;
            callObservers.forEach(observer -> observer.accept(observed));
            JsonNode entries = request.get("Entries");
            if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
                error(exchange, 400, "ValidationException", "Entries must hold 1 to " + MAX_ENTRIES + " entries");
                return;
            }
            if (requestSize(entries) > MAX_REQUEST_BYTES) {
                error(exchange, 400, "ValidationException", "Total size of the entries in the request is over the limit.");
                return;
            }
            ObjectNode response = mapper.createObjectNode();
            ArrayNode results = response.putArray("Entries");
            int failed = 0;
            Map<String, List<String>> deliveries = new java.util.LinkedHashMap<>();
            for (JsonNode entry : entries) {
                ObjectNode result = results.addObject();
                String problem = put(entry, result, deliveries);
                if (problem != null) {
                    failed++;
                }
            }
            deliver(deliveries);
            response.put("FailedEntryCount", failed);
            respond(exchange, 200, mapper.writeValueAsBytes(response));
        } catch (RuntimeException e) {
            log.error("PutEvents failed", e);
            error(exchange, 500, "InternalException", e.getMessage());
        }
    }

    /** @return null on success, else the error code written into {@code result} */
    private String put(JsonNode entry, ObjectNode result, Map<String, List<String>> deliveries) {
        String bus = text(entry, "EventBusName");
        if (bus != null && !bus.equals(rules.busName()) && !bus.endsWith(":event-bus/" + rules.busName())) {
            return fail(result, "ResourceNotFoundException", "Event bus " + bus + " does not exist.");
        }
        String source = text(entry, "Source");
        String detailType = text(entry, "DetailType");
        String detailText = text(entry, "Detail");
        if (source == null || detailType == null || detailText == null) {
            return fail(result, "InvalidArgument", "Parameters Source, DetailType and Detail are required.");
        }
        JsonNode detail;
        try {
            detail = mapper.readTree(detailText);
        } catch (JacksonException e) {
            return fail(result, "MalformedDetail", "Detail is malformed.");
        }
        if (!detail.isObject()) {
            return fail(result, "MalformedDetail", "Detail must be a JSON object.");
        }
        for (Fault fault : faults) {
            if (fault.which().test(detail) && fault.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                fault.fired().incrementAndGet();
                return fail(result, fault.errorCode(), "injected failure");
            }
        }
        String eventId = UUID.randomUUID().toString();
        ObjectNode event = mapper.createObjectNode();
        event.put("version", "0");
        event.put("id", eventId);
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", LocalCredentials.ACCOUNT);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", LocalCredentials.REGION);
        event.putArray("resources");
        event.set("detail", detail);
        route(event, deliveries);
        accepted.incrementAndGet();
        result.put("EventId", eventId);
        return null;
    }

    private void route(ObjectNode event, Map<String, List<String>> deliveries) {
        List<String> matched;
        try {
            matched = machine.rulesForJSONEvent(mapper.writeValueAsString(event));
        } catch (Exception e) {
            throw new IllegalStateException("event-ruler could not read the event", e);
        }
        for (String ruleName : matched) {
            EventRules.Rule rule = byName.get(ruleName);
            JsonNode message = "$.detail".equals(rule.inputPath()) ? event.get("detail") : event;
            deliveries.computeIfAbsent(queues.queueUrl(rule.queue()), q -> new ArrayList<>())
                    .add(mapper.writeValueAsString(message));
        }
    }

    /** One SendMessageBatch per target queue and call (a PutEvents call carries at most 10 entries). */
    private void deliver(Map<String, List<String>> deliveries) {
        deliveries.forEach((queueUrl, bodies) -> {
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>(bodies.size());
            for (int i = 0; i < bodies.size(); i++) {
                batch.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(bodies.get(i)).build());
            }
            var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(batch));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " deliveries: "
                        + response.failed().get(0).message());
            }
        });
    }

    private static int requestSize(JsonNode entries) {
        int size = 0;
        for (JsonNode entry : entries) {
            for (String field : List.of("Source", "DetailType", "Detail")) {
                String value = text(entry, field);
                size += value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return size;
    }

    private static String fail(ObjectNode result, String code, String message) {
        result.put("ErrorCode", code);
        result.put("ErrorMessage", message);
        return code;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        body.put("__type", type);
        body.put("message", message);
        respond(exchange, status, mapper.writeValueAsBytes(body));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        sqs.close();
    }
}
