package com.bulkimport.api.notification;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.importjob.InvalidImportRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * The caller's default addresses for the mail at the end of each of their imports (when the job's own
 * {@code options.notify.email} names none), and for the notice that one of their webhooks was disabled.
 */
@RestController
@Tag(name = "notifications", description = "the caller's default addresses for the mail at an import's end")
@RequestMapping(path = "/api/me/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
class NotificationSettingsController {

    /** {@code email}: the addresses, at most {@value MailAddresses#MAX}; empty: no mail. */
    record NotificationSettings(List<String> email) {
    }

    private final JdbcClient jdbc;
    private final CurrentCaller caller;

    NotificationSettingsController(JdbcClient jdbc, CurrentCaller caller) {
        this.jdbc = jdbc;
        this.caller = caller;
    }

    @Operation(summary = "The caller's default addresses for import mail")
    @GetMapping
    NotificationSettings get() {
        return new NotificationSettings(jdbc.sql("SELECT email FROM notification_settings WHERE owner = :owner")
                .param("owner", caller.get().subject())
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).optional().orElse(List.of()));
    }

    @Operation(summary = "Set the default addresses; an empty list stops the mail")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    NotificationSettings put(@RequestBody(required = false) NotificationSettings settings) {
        if (settings == null || settings.email() == null) {
            throw new InvalidImportRequest(List.of("email is required: a list of addresses (empty for none)"));
        }
        List<String> problems = new ArrayList<>();
        MailAddresses.check("email", settings.email(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        Caller who = caller.get();
        List<String> addresses = settings.email().stream().distinct().toList();
        if (addresses.isEmpty()) {
            jdbc.sql("DELETE FROM notification_settings WHERE owner = :owner").param("owner", who.subject()).update();
        } else {
            jdbc.sql("""
                            INSERT INTO notification_settings (owner, tenant, email) VALUES (:owner, :tenant, :email)
                            ON CONFLICT (owner) DO UPDATE SET tenant = excluded.tenant, email = excluded.email,
                                updated_at = now()""")
                    .param("owner", who.subject()).param("tenant", who.tenant())
                    .param("email", addresses.toArray(String[]::new)).update();
        }
        return new NotificationSettings(addresses);
    }
}
