package com.bulkimport.relay.admin;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Operators' view of the outbox: list events by status, type and age, inspect one, replay one or all
 * that match (back to PENDING with attempts reset and an audit note), purge DEAD ones. Every request
 * passes {@link AdminAccess} first.
 */
@RestController
@RequestMapping(OutboxAdminController.BASE)
class OutboxAdminController {

    static final String BASE = "/admin/outbox";
    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_NOTE_LENGTH = 1000;

    private final AdminEvents events;

    OutboxAdminController(AdminEvents events) {
        this.events = events;
    }

    @GetMapping("/events")
    AdminViews.EventPage list(@RequestParam(required = false) String status,
                              @RequestParam(required = false) String type,
                              @RequestParam(name = "older_than", required = false) String olderThan,
                              @RequestParam(name = "newer_than", required = false) String newerThan,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || page > 100_000) {
            throw new AdminProblem.InvalidRequest("page must be between 0 and 100000, got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new AdminProblem.InvalidRequest("size must be between 1 and " + MAX_PAGE_SIZE + ", got " + size);
        }
        return events.list(EventFilter.parse(status, type, olderThan, newerThan), page, size);
    }

    @GetMapping("/events/{id}")
    AdminViews.EventDetail inspect(@PathVariable UUID id) {
        return events.find(id).orElseThrow(() -> new AdminProblem.EventNotFound(id));
    }

    @PostMapping("/events/{id}/replay")
    AdminViews.EventDetail replay(@PathVariable UUID id, @RequestBody AdminViews.ReplayRequest body,
                                  @RequestAttribute(AdminAccessInterceptor.ACTOR) String actor) {
        String note = note(body.note());
        if (!events.replay(id, actor, note)) {
            AdminViews.EventDetail event = inspect(id);
            throw new AdminProblem.WrongStatus("event " + id + " is " + event.status()
                    + " and waits to be published already; only DEAD or PUBLISHED events can be replayed");
        }
        return inspect(id);
    }

    @PostMapping("/events/replay")
    AdminViews.Replayed replayMatching(@RequestBody AdminViews.ReplayMatchingRequest body,
                                       @RequestAttribute(AdminAccessInterceptor.ACTOR) String actor) {
        String note = note(body.note());
        EventFilter filter = EventFilter.parse(body.status() == null ? "DEAD" : body.status(), body.type(),
                body.olderThan(), body.newerThan());
        if ("PENDING".equals(filter.status())) {
            throw new AdminProblem.InvalidRequest("status must be DEAD or PUBLISHED: pending events wait to be"
                    + " published already");
        }
        return new AdminViews.Replayed(events.replayMatching(filter, actor, note));
    }

    @DeleteMapping("/events/{id}")
    ResponseEntity<Void> purge(@PathVariable UUID id) {
        if (!events.purge(id)) {
            AdminViews.EventDetail event = inspect(id);
            throw new AdminProblem.WrongStatus("event " + id + " is " + event.status() + "; only DEAD events are purged");
        }
        return ResponseEntity.noContent().build();
    }

    /** Purges DEAD events, all of them or those matching type and age. */
    @DeleteMapping("/dead")
    AdminViews.Purged purgeDead(@RequestParam(required = false) String type,
                                @RequestParam(name = "older_than", required = false) String olderThan,
                                @RequestParam(name = "newer_than", required = false) String newerThan) {
        return new AdminViews.Purged(events.purgeDead(EventFilter.parse("DEAD", type, olderThan, newerThan)));
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            throw new AdminProblem.InvalidRequest("note is required: say why the events are replayed (it is kept"
                    + " on each event as its audit trail)");
        }
        if (note.length() > MAX_NOTE_LENGTH) {
            throw new AdminProblem.InvalidRequest("note must be at most " + MAX_NOTE_LENGTH + " characters, got "
                    + note.length());
        }
        return note.trim();
    }
}
