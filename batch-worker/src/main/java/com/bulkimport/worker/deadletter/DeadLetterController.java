package com.bulkimport.worker.deadletter;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * Operators' view of the work queue's dead letters: list, read one, redrive it. Admin only
 * ({@code AdminEndpointSecurity}, imported by {@link DeadLetterAdmin}); a redrive records who asked for it.
 */
@RestController
@RequestMapping(path = "/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
class DeadLetterController {

    private final DeadLetters deadLetters;
    private final Redrive redrive;

    DeadLetterController(DeadLetters deadLetters, Redrive redrive) {
        this.deadLetters = deadLetters;
        this.redrive = redrive;
    }

    @GetMapping
    List<DeadLetters.DeadLetter> list(@RequestParam(defaultValue = "true") boolean open,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        int limit = Math.max(1, Math.min(size, 500));
        return deadLetters.list(open, limit, Math.max(0, page) * limit);
    }

    @GetMapping("/{id}")
    DeadLetters.DeadLetter one(@PathVariable UUID id) {
        return deadLetters.find(id).orElseThrow(() -> new AdminProblem.NotFound("dead letter " + id));
    }

    @PostMapping("/{id}/redrive")
    DeadLetters.DeadLetter redrive(@PathVariable UUID id, HttpServletRequest request) {
        return redrive.redrive(id, operator(request));
    }

    /** Who redrove it, for the audit column: the token's subject, or the loopback caller without tokens. */
    private static String operator(HttpServletRequest request) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken)) {
            return who.getName();
        }
        return "loopback@" + request.getRemoteAddr();
    }
}
