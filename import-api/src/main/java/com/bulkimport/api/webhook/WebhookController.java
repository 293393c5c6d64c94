package com.bulkimport.api.webhook;

import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.importjob.InvalidImportRequest;
import com.bulkimport.api.read.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant's webhook endpoints (README, "Webhooks"). */
@RestController
@RequestMapping(path = "/api/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "webhooks", description = "signed event deliveries to a tenant's own HTTPS endpoints")
class WebhookController {

    static final int MAX_PAGE = Page.UNCONFIGURED_SIZE_MAX;

    private final WebhookService service;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    WebhookController(WebhookService service, CurrentCaller caller, ObjectMapper json) {
        this.service = service;
        this.caller = caller;
        this.json = json;
    }

    @Operation(summary = "Register an endpoint", description = "201 with the endpoint and its signing secret"
            + " (whsec_…), shown this once. event_types: EventType names, PREFIX_* or *. The URL must be https and"
            + " must not resolve to a private, loopback or link-local address (422 webhook-target-refused).")
    @ApiResponse(responseCode = "201", description = "the endpoint and its signing secret", useReturnTypeSchema = true)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedWebhook> create(@RequestBody(required = false) WebhookRequest request) {
        CreatedWebhook created = service.create(caller.get(), request);
        return ResponseEntity.created(URI.create("/api/webhooks/" + created.webhook().id())).body(created);
    }

    @Operation(summary = "The tenant's endpoints (an admin's: every tenant's), newest first")
    @GetMapping
    Page<WebhookView> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size, MAX_PAGE);
        var who = caller.get();
        return Page.of(service.list(who, page, size), page, size, service.count(who));
    }

    @Operation(summary = "One endpoint of the tenant")
    @GetMapping("/{id}")
    WebhookView get(@PathVariable UUID id) {
        return service.find(caller.get(), id);
    }

    @Operation(summary = "Change url, event_types, description or enabled; a field left out keeps its value",
            description = "enabled=true clears disabled_reason and the failure streak; enabled=false fails the"
                    + " endpoint's pending deliveries")
    @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    WebhookView update(@PathVariable UUID id, @RequestBody(required = false) JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidImportRequest(List.of("the body must be a JSON object"));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        body.properties().forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
        List<String> unknown = fields.keySet().stream()
                .filter(field -> !List.of("url", "event_types", "description", "enabled").contains(field)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidImportRequest(List.of("unknown fields " + unknown
                    + "; a webhook's url, event_types, description and enabled can be changed"));
        }
        WebhookRequest request;
        try {
            request = json.treeToValue(body, WebhookRequest.class);
        } catch (RuntimeException e) {
            throw new InvalidImportRequest(List.of("url and description are text, event_types a list of text,"
                    + " enabled true or false"));
        }
        return service.update(caller.get(), id, fields, request);
    }

    @Operation(summary = "Delete an endpoint with its deliveries")
    @ApiResponse(responseCode = "204", description = "deleted")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        service.delete(caller.get(), id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Send a WEBHOOK_TEST event to this endpoint, signed and retried like any other")
    @ApiResponse(responseCode = "202", description = "the test delivery, queued", useReturnTypeSchema = true)
    @PostMapping("/{id}/test")
    ResponseEntity<DeliveryView> test(@PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(service.test(caller.get(), id));
    }

    @Operation(summary = "A new signing secret, shown this once; the previous one signs too for 24 h")
    @PostMapping("/{id}/rotate-secret")
    RotatedSecret rotate(@PathVariable UUID id) {
        return service.rotate(caller.get(), id);
    }

    @Operation(summary = "The endpoint's deliveries, newest first: status, attempts, response code, duration,"
            + " next attempt")
    @GetMapping("/{id}/deliveries")
    Page<DeliveryView> deliveries(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size, MAX_PAGE);
        return service.deliveries(caller.get(), id, page, size);
    }

    @Operation(summary = "A delivery's attempts, first to last: when, how long, the status code or the error, and the"
            + " first 4 KB of the receiver's answer")
    @GetMapping("/{id}/deliveries/{deliveryId}/attempts")
    List<AttemptView> attempts(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        return service.attempts(caller.get(), id, deliveryId);
    }

    @Operation(summary = "Deliver again now, with the same webhook-id and a fresh retry schedule")
    @ApiResponse(responseCode = "202", description = "the delivery, queued again", useReturnTypeSchema = true)
    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    ResponseEntity<DeliveryView> redeliver(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(service.redeliver(caller.get(), id, deliveryId));
    }
}
