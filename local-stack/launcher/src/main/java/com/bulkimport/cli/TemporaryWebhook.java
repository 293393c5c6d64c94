package com.bulkimport.cli;

import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The webhook a {@code listen} session registers for itself, removed when the session ends (closing twice, from
 * the shutdown hook and from the command, removes it once). The secret is the API's answer to the creation
 * only: nothing else can check the deliveries, so it lives as long as this object.
 */
final class TemporaryWebhook implements AutoCloseable {

    private final ApiClient api;
    private final String id;
    private final String secret;
    private final PrintStream err;
    private final AtomicBoolean removed = new AtomicBoolean();

    private TemporaryWebhook(ApiClient api, String id, String secret, PrintStream err) {
        this.api = api;
        this.id = id;
        this.secret = secret;
        this.err = err;
    }

    static TemporaryWebhook register(ApiClient api, String url, List<String> eventTypes, String description,
                                     PrintStream err) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("event_types", eventTypes);
        body.put("description", description);
        JsonNode created;
        try {
            created = api.post("/api/webhooks", body);
        } catch (ApiError e) {
            if (e.is("webhook-target-refused")) {
                throw new ApiError(e.getMessage() + "\nthis API does not deliver to this machine's " + url
                        + " (bulkimport.webhooks.allow-private-targets is off, as it should be on a deployment);"
                        + " listen works against a local stack (./bulk-import up)");
            }
            throw e;
        }
        return new TemporaryWebhook(api, created.path("id").asString(), created.path("secret").asString(), err);
    }

    String id() {
        return id;
    }

    String secret() {
        return secret;
    }

    @Override
    public void close() {
        if (!removed.compareAndSet(false, true)) {
            return;
        }
        try {
            api.delete("/api/webhooks/" + id);
            err.println("removed webhook " + id);
        } catch (ApiError e) {
            // left behind, it fails its deliveries until the worker disables it: say how to remove it now
            err.println("warning: could not remove webhook " + id + " (" + e.getMessage() + "); remove it with"
                    + " DELETE /api/webhooks/" + id);
        }
    }
}
