package com.bulkimport.api.importjob;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code Idempotency-Key}: a client that repeats a create with the same key and body gets the same
 * job, not a second one; the same key with another body is a client bug and answers 422. The body
 * is compared by a hash of its canonical JSON (keys sorted), so formatting does not matter.
 */
final class Idempotency {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Idempotency() {
    }

    /** The key, or null when none was sent; 400 when it is empty, too long or not visible ASCII. */
    static String key(String header) {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > MAX_KEY_LENGTH
                || !header.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidImportRequest(List.of(HEADER + " must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters (a UUID is a good choice)"));
        }
        return header;
    }

    /** SHA-256 of the endpoint and the canonical JSON of the request. */
    static String hash(String endpoint, Object request) {
        StringBuilder canonical = new StringBuilder(endpoint).append('\n');
        write(JSON.valueToTree(request), canonical);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> entry : sorted.entrySet()) {
                if (entry.getValue() == null || entry.getValue().isNull()) {
                    continue; // an absent field and an explicit null mean the same request
                }
                out.append(first ? "" : ",").append(JSON.writeValueAsString(entry.getKey())).append(':');
                write(entry.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    /** A stored job's key and request hash. */
    record Stored(java.util.UUID jobId, String requestHash) {
    }

    /** What a create answers: the job, and whether it was created now or earlier under the same key. */
    record Outcome<T>(T value, boolean replayed) {
    }
}
