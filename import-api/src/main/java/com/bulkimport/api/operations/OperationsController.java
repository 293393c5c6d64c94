package com.bulkimport.api.operations;

import com.bulkimport.api.importjob.InvalidImportRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The operators' pages of the web UI, through the API (admin role): the outbox's events with replay
 * (the relay's {@code /admin/outbox}) and the work queue's dead letters with redrive (the worker's
 * {@code /admin/dead-letters}). Only what the pages use; the services' own endpoints do the rest.
 */
@RestController
@Tag(name = "admin")
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
public class OperationsController {

    /** The relay's own bounds (OutboxAdminController); the worker takes up to 500 but is held to the same here. */
    public static final int MAX_PAGE_SIZE = 200;
    public static final int MAX_PAGE_NUMBER = 100_000;

    private final OperationsGateway gateway;

    OperationsController(OperationsGateway gateway) {
        this.gateway = gateway;
    }

    @Operation(summary = "The outbox's events, filtered by status and type (the relay's admin API)")
    @GetMapping("/outbox/events")
    ResponseEntity<byte[]> outboxEvents(@RequestParam(required = false) String status,
                                        @RequestParam(required = false) String type,
                                        @RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "50") int size, HttpServletRequest request) {
        checkPage(page, size);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("type", type);
        query.put("page", Integer.toString(page));
        query.put("size", Integer.toString(size));
        return gateway.forward(OperationsGateway.Service.RELAY, "GET", "/admin/outbox/events", query, null,
                request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    @Operation(summary = "One outbox event with its payload and publishing history")
    @GetMapping("/outbox/events/{id}")
    ResponseEntity<byte[]> outboxEvent(@PathVariable UUID id, HttpServletRequest request) {
        return gateway.forward(OperationsGateway.Service.RELAY, "GET",
                "/admin/outbox/events" + OperationsGateway.segments(id.toString()), Map.of(), null,
                request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    @Operation(summary = "Publish one outbox event again")
    @PostMapping(path = "/outbox/events/{id}/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> replayEvent(@PathVariable UUID id, @RequestBody byte[] body, HttpServletRequest request) {
        return gateway.forward(OperationsGateway.Service.RELAY, "POST",
                "/admin/outbox/events" + OperationsGateway.segments(id.toString(), "replay"), Map.of(), body,
                request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    @Operation(summary = "Publish again every outbox event a filter matches")
    @PostMapping(path = "/outbox/events/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> replayMatching(@RequestBody byte[] body, HttpServletRequest request) {
        return gateway.forward(OperationsGateway.Service.RELAY, "POST", "/admin/outbox/events/replay", Map.of(), body,
                request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    @Operation(summary = "The work queue's dead letters (the worker's admin API)")
    @GetMapping("/dead-letters")
    ResponseEntity<byte[]> deadLetters(@RequestParam(defaultValue = "true") boolean open,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "50") int size, HttpServletRequest request) {
        checkPage(page, size);
        return gateway.forward(OperationsGateway.Service.WORKER, "GET", "/admin/dead-letters",
                Map.of("open", Boolean.toString(open), "page", Integer.toString(page), "size", Integer.toString(size)),
                null, request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    @Operation(summary = "Send a dead letter to the work queue again")
    @PostMapping("/dead-letters/{id}/redrive")
    ResponseEntity<byte[]> redrive(@PathVariable UUID id, HttpServletRequest request) {
        return gateway.forward(OperationsGateway.Service.WORKER, "POST",
                "/admin/dead-letters" + OperationsGateway.segments(id.toString(), "redrive"), Map.of(), null,
                request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    /** Refused here, as the document's minimum and maximum say, before a call to the relay or the worker. */
    private static void checkPage(int page, int size) {
        if (page < 0 || page > MAX_PAGE_NUMBER || size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidImportRequest(List.of("page must be between 0 and " + MAX_PAGE_NUMBER
                    + " and size between 1 and " + MAX_PAGE_SIZE + ", got page " + page + " and size " + size));
        }
    }
}
