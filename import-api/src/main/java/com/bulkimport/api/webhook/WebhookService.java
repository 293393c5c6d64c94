package com.bulkimport.api.webhook;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.importjob.InvalidImportRequest;
import com.bulkimport.engine.EventsProperties;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.support.outbound.OutboundTargets;
import com.bulkimport.support.outbound.TargetRefused;
import com.bulkimport.support.secrets.SecretBox;
import com.bulkimport.support.tracing.JobTraces;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the webhook API does, checked first: fields (400 naming every problem), then the URL against the SSRF
 * policy (422), then the tenant's endpoint limit (422). The delivery itself is the worker's (its
 * {@code webhook} feature); this side writes rows.
 */
@Service
class WebhookService {

    static final String TEST_EVENT = "WEBHOOK_TEST";
    static final int MAX_DESCRIPTION = 500;

    private final WebhookStore store;
    private final OutboundTargets targets;
    private final SecretBox secrets;
    private final WebhookProperties properties;
    private final TransactionTemplate tx;
    private final String source;
    private final JobTraces traces;

    WebhookService(WebhookStore store, OutboundTargets targets, SecretBox secrets, WebhookProperties properties,
                   TransactionTemplate tx, EventsProperties events, JobTraces traces) {
        this.store = store;
        this.targets = targets;
        this.secrets = secrets;
        this.properties = properties;
        this.tx = tx;
        this.source = events.source();
        this.traces = traces;
    }

    CreatedWebhook create(Caller caller, WebhookRequest request) {
        List<String> problems = new ArrayList<>();
        if (request == null) {
            throw new InvalidImportRequest(List.of("the request body is empty"));
        }
        if (request.url() == null) {
            problems.add("url is required: the https URL events are posted to");
        }
        List<String> types = EventPatterns.check(request.eventTypes(), problems);
        checkDescription(request.description(), problems);
        if (request.enabled() != null) {
            problems.add("enabled is not taken at creation: a new webhook is enabled (PATCH it to disable)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        String url = checkedUrl(request.url());
        String secret = WebhookSecrets.fresh();
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            store.lockTenant(caller.tenant());
            if (store.countForTenant(caller.tenant()) >= properties.maxEndpointsPerTenant()) {
                throw new WebhookProblems.TooManyWebhooks(properties.maxEndpointsPerTenant());
            }
            store.insert(id, caller, url, blankToNull(request.description()), types, secrets.seal(secret));
        });
        return new CreatedWebhook(find(caller, id), secret);
    }

    WebhookView find(Caller caller, UUID id) {
        return store.find(caller, id).orElseThrow(() -> new WebhookProblems.WebhookNotFound(id));
    }

    List<WebhookView> list(Caller caller, int page, int size) {
        return store.list(caller, page, size);
    }

    long count(Caller caller) {
        return store.count(caller);
    }

    WebhookView update(Caller caller, UUID id, Map<String, Object> fields, WebhookRequest request) {
        if (request == null) {
            throw new InvalidImportRequest(List.of("the request body is empty"));
        }
        List<String> problems = new ArrayList<>();
        List<String> types = null;
        if (fields.containsKey("event_types")) {
            types = EventPatterns.check(request.eventTypes(), problems);
        }
        if (fields.containsKey("url") && request.url() == null) {
            problems.add("url cannot be removed: give the https URL events are posted to");
        }
        if (fields.containsKey("enabled") && request.enabled() == null) {
            problems.add("enabled must be true or false");
        }
        checkDescription(request.description(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        find(caller, id);
        String url = request.url() == null ? null : checkedUrl(request.url());
        List<String> newTypes = types;
        tx.executeWithoutResult(status -> {
            if (!store.update(caller, id, url, newTypes, blankToNull(request.description()),
                    fields.containsKey("description"), request.enabled())) {
                throw new WebhookProblems.WebhookNotFound(id);
            }
            if (Boolean.FALSE.equals(request.enabled())) {
                store.failPending(id, "the webhook was disabled");
            }
        });
        return find(caller, id);
    }

    void delete(Caller caller, UUID id) {
        if (!store.delete(caller, id)) {
            throw new WebhookProblems.WebhookNotFound(id);
        }
    }

    RotatedSecret rotate(Caller caller, UUID id) {
        String secret = WebhookSecrets.fresh();
        Instant until = store.rotate(caller, id, secrets.seal(secret), properties.rotationOverlap())
                .orElseThrow(() -> new WebhookProblems.WebhookNotFound(id));
        return new RotatedSecret(id, secret, until);
    }

    /** A {@value #TEST_EVENT} event for this endpoint alone, delivered (signed, retried) like every other. */
    DeliveryView test(Caller caller, UUID id) {
        WebhookView endpoint = find(caller, id);
        if (!endpoint.enabled()) {
            throw new WebhookProblems.WebhookDisabled(id);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("webhook_id", id.toString());
        payload.put("tenant", endpoint.tenant());
        payload.put("message", "a test event from bulk-import: this endpoint receives its events");
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                TEST_EVENT, source, EventEnvelope.CURRENT_VERSION,
                // the request's trace: an event's fields are present or absent, never null (docs/asyncapi.yaml)
                traces.traceIdForNewJob(), "TEST", payload);
        return store.insertDelivery(id, event.eventId(), TEST_EVENT, EventCodec.encode(event));
    }

    com.bulkimport.api.read.Page<DeliveryView> deliveries(Caller caller, UUID id, int page, int size) {
        find(caller, id);
        return com.bulkimport.api.read.Page.of(store.deliveries(id, page, size), page, size, store.deliveryCount(id));
    }

    List<AttemptView> attempts(Caller caller, UUID id, UUID deliveryId) {
        find(caller, id);
        return store.attempts(id, deliveryId).orElseThrow(() -> new WebhookProblems.DeliveryNotFound(deliveryId));
    }

    DeliveryView redeliver(Caller caller, UUID id, UUID deliveryId) {
        WebhookView endpoint = find(caller, id);
        if (!endpoint.enabled()) {
            throw new WebhookProblems.WebhookDisabled(id);
        }
        return store.redeliver(id, deliveryId).orElseThrow(() -> store.isPending(id, deliveryId)
                ? new WebhookProblems.DeliveryInProgress(deliveryId) : new WebhookProblems.DeliveryNotFound(deliveryId));
    }

    private String checkedUrl(String url) {
        try {
            return targets.check(url).toString();
        } catch (TargetRefused refused) {
            throw new WebhookProblems.TargetNotAllowed(refused.reason());
        }
    }

    private static void checkDescription(String description, List<String> problems) {
        if (description != null && (description.length() > MAX_DESCRIPTION
                || description.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t'))) {
            problems.add("description must be at most " + MAX_DESCRIPTION + " characters, without control characters");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
