package com.bulkimport.local.embedded;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared routing file ({@code infra/event-rules.json}): the bus, its queues and the rules that fill them. */
public record EventRules(String busName, Map<String, QueueSpec> queues, List<Rule> rules) {

    public static final String RESOURCE = "/bulkimport/event-rules.json";

    public record QueueSpec(String name, String deadLetterQueue, int maxReceiveCount, int visibilityTimeoutSeconds) {
    }

    /** @param inputPath {@code $.detail} delivers only the envelope; null delivers the whole EventBridge event */
    public record Rule(String name, String patternJson, String queue, String inputPath) {
    }

    public static EventRules load() {
        try (InputStream in = EventRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EventRules parse(InputStream in) {
        JsonMapper mapper = JsonMapper.builder().build();
        JsonNode root = mapper.readTree(in);
        Map<String, QueueSpec> queues = new LinkedHashMap<>();
        root.get("queues").properties().forEach(entry -> {
            JsonNode q = entry.getValue();
            queues.put(entry.getKey(), new QueueSpec(q.get("name").asString(), q.get("dead_letter_queue").asString(),
                    q.get("max_receive_count").asInt(), q.get("visibility_timeout_seconds").asInt()));
        });
        List<Rule> rules = new ArrayList<>();
        for (JsonNode rule : root.get("rules")) {
            JsonNode target = rule.get("target");
            JsonNode inputPath = target.get("input_path");
            rules.add(new Rule(rule.get("name").asString(), mapper.writeValueAsString(rule.get("event_pattern")),
                    target.get("queue").asString(), inputPath == null ? null : inputPath.asString()));
        }
        return new EventRules(root.get("event_bus_name").asString(), queues, rules);
    }
}
