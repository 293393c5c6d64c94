package com.bulkimport.infra.messaging;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code infra/event-rules.json}: the bus, queues, topics, archive and rules, shared with the local
 * PutEvents endpoint (which has queues only: a rule's topic is an extra target on AWS).
 *
 * @param archiveName the bus's archive for replay, or null for none
 */
public record EventRouting(String busName, Map<String, Queue> queues, Map<String, String> topics, String archiveName,
                           List<Rule> rules) {

    public record Queue(String name, String deadLetterQueue, int maxReceiveCount, int visibilityTimeoutSeconds) {
    }

    /**
     * @param pattern the EventBridge pattern as plain maps and lists
     * @param topic   a topic key of {@link #topics} the rule also delivers to, or null
     */
    public record Rule(String name, String description, Map<String, Object> pattern, String queue, String inputPath,
                       String topic) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static EventRouting load() {
        try (InputStream in = EventRouting.class.getResourceAsStream("/bulkimport/event-rules.json")) {
            if (in == null) {
                throw new IllegalStateException("event-rules.json is not on the classpath");
            }
            JsonNode root = JSON.readTree(in);
            Map<String, Queue> queues = new LinkedHashMap<>();
            root.get("queues").properties().forEach(e -> {
                JsonNode q = e.getValue();
                queues.put(e.getKey(), new Queue(q.get("name").asString(), q.get("dead_letter_queue").asString(),
                        q.get("max_receive_count").asInt(), q.get("visibility_timeout_seconds").asInt()));
            });
            List<Rule> rules = new ArrayList<>();
            for (JsonNode rule : root.get("rules")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> pattern = JSON.convertValue(rule.get("event_pattern"), Map.class);
                JsonNode target = rule.get("target");
                rules.add(new Rule(rule.get("name").asString(), rule.path("description").asString(""), pattern,
                        target.get("queue").asString(),
                        target.has("input_path") ? target.get("input_path").asString() : null,
                        target.has("topic") ? target.get("topic").asString() : null));
            }
            Map<String, String> topics = new LinkedHashMap<>();
            root.path("topics").properties().forEach(e -> topics.put(e.getKey(), e.getValue().get("name").asString()));
            String archive = root.has("archive") ? root.get("archive").get("name").asString() : null;
            return new EventRouting(root.get("event_bus_name").asString(), queues, topics, archive, rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
