package com.bulkimport.worker.mail;

import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends the mail the outbox trigger (a job's end) and the delivery loop (a disabled webhook) left in
 * {@code email_notifications}. A claim takes a few due rows with {@code SKIP LOCKED} and moves them a lease
 * ahead, so several workers share them and one that dies mid-send leaves them due again: at least once.
 * A refused send is tried again with a doubling wait, {@code max-attempts} times.
 */
@Component
class MailLoop {

    private static final Logger log = LoggerFactory.getLogger(MailLoop.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int CLAIM = 20;

    private final JdbcClient jdbc;
    private final MailProperties properties;
    private final Optional<MailTransport> transport;
    private boolean toldNoTransport;

    MailLoop(JdbcClient jdbc, MailProperties properties, Optional<MailTransport> transport) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.transport = transport;
    }

    private record Pending(UUID id, String reason, List<String> to, String payload, int attempts, String fileName) {
    }

    @Scheduled(fixedDelayString = "${bulkimport.mail.poll-interval:2s}", initialDelayString = "${bulkimport.mail.poll-interval:2s}")
    void scheduled() {
        if (!properties.enabled()) {
            return;
        }
        if (transport.isEmpty()) {
            if (!toldNoTransport) {
                log.warn("mail is enabled but has no transport: set spring.mail.host (smtp) or bulkimport.mail.transport=ses");
                toldNoTransport = true;
            }
            return;
        }
        try {
            int left = properties.maxPerRun();
            int claimed;
            do {
                claimed = sendDue(Math.min(CLAIM, left));
                left -= claimed;
            } while (claimed > 0 && left > 0);
        } catch (RuntimeException e) {
            log.warn("mail loop: {}", e.toString());
        }
    }

    /** @return how many mails this round claimed, at most {@code limit} */
    int sendDue(int limit) {
        List<Pending> due = jdbc.sql("""
                        UPDATE email_notifications n SET attempts = n.attempts + 1,
                            next_attempt_at = clock_timestamp() + make_interval(secs => :lease)
                        FROM (SELECT id FROM email_notifications
                              WHERE status = 'PENDING' AND next_attempt_at <= clock_timestamp()
                              ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED) p
                        WHERE n.id = p.id
                        RETURNING n.id, n.reason, n.recipients, n.payload::text AS payload, n.attempts,
                                  (SELECT j.file_name FROM import_jobs j WHERE j.id = n.job_id) AS file_name""")
                .param("lease", LEASE.toSeconds()).param("limit", limit)
                .query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getString("reason"),
                        List.of((String[]) rs.getArray("recipients").getArray()), rs.getString("payload"),
                        rs.getInt("attempts"), rs.getString("file_name")))
                .list();
        for (Pending pending : due) {
            send(pending);
        }
        return due.size();
    }

    private void send(Pending pending) {
        try {
            transport.orElseThrow().send(properties.from(), compose(pending));
            jdbc.sql("UPDATE email_notifications SET status = 'SENT', sent_at = now(), last_error = NULL WHERE id = :id")
                    .param("id", pending.id()).update();
        } catch (RuntimeException e) {
            boolean last = pending.attempts() >= properties.maxAttempts();
            Duration wait = properties.retryDelay().multipliedBy(1L << Math.min(20, pending.attempts() - 1));
            log.warn("mail {} not sent (attempt {}): {}", pending.id(), pending.attempts(), e.toString());
            jdbc.sql("""
                            UPDATE email_notifications SET status = CASE WHEN :last THEN 'FAILED' ELSE 'PENDING' END,
                                next_attempt_at = clock_timestamp() + make_interval(secs => :wait), last_error = :error
                            WHERE id = :id""")
                    .param("last", last).param("wait", wait.toMillis() / 1000.0)
                    .param("error", String.valueOf(e.getMessage())).param("id", pending.id()).update();
        }
    }

    private Mail compose(Pending pending) {
        if (pending.reason().equals("WEBHOOK_DISABLED")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = JSON.readValue(pending.payload(), Map.class);
            return CompletionMails.webhookDisabled(pending.to(), payload, properties.baseUrl());
        }
        EventEnvelope event = EventCodec.decode(pending.payload());
        return CompletionMails.jobFinished(pending.to(), event.eventType(), event.status(), event.payload(),
                pending.fileName(), properties.baseUrl());
    }
}
