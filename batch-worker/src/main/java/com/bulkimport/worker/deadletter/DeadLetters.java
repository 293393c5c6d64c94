package com.bulkimport.worker.deadletter;

import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventPayload;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code dead_letters}: what the work queue gave up on, kept until an operator redrives it. */
@Component
public class DeadLetters {

    private final JdbcClient jdbc;

    DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A dead letter as operators see it. */
    public record DeadLetter(UUID id, String messageId, UUID eventId, String eventType, UUID jobId, UUID batchId,
                             String body, String reason, Integer receiveCount, Instant receivedAt, Instant redrivenAt,
                             String redrivenBy) {
    }

    /** @return false when this message was recorded before (a second delivery from the DLQ) */
    boolean record(String messageId, EventEnvelope event, String body, String reason, Integer receiveCount) {
        EventPayload payload = event == null ? null : event.knownPayload();
        UUID jobId = payload == null ? null : payload.jobId();
        UUID batchId = payload == null ? null : payload.batchId();
        return jdbc.sql("""
                        INSERT INTO dead_letters (id, message_id, event_id, event_type, job_id, batch_id, body, reason,
                                                  receive_count)
                        VALUES (:id, :messageId, :eventId, :eventType, :jobId, :batchId, :body, :reason, :count)
                        ON CONFLICT (message_id) DO NOTHING""")
                .param("id", UUID.randomUUID()).param("messageId", messageId)
                .param("eventId", event == null ? null : event.eventId())
                .param("eventType", event == null ? null : event.eventType())
                .param("jobId", jobId).param("batchId", batchId).param("body", body).param("reason", reason)
                .param("count", receiveCount)
                .update() == 1;
    }

    public List<DeadLetter> list(boolean openOnly, int limit, int offset) {
        return jdbc.sql("SELECT * FROM dead_letters" + (openOnly ? " WHERE redriven_at IS NULL" : "")
                        + " ORDER BY received_at DESC, id LIMIT :limit OFFSET :offset")
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> map(rs)).list();
    }

    public Optional<DeadLetter> find(UUID id) {
        return jdbc.sql("SELECT * FROM dead_letters WHERE id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
    }

    boolean markRedriven(UUID id, String by) {
        return jdbc.sql("UPDATE dead_letters SET redriven_at = now(), redriven_by = :by WHERE id = :id"
                        + " AND redriven_at IS NULL")
                .param("by", by).param("id", id).update() == 1;
    }

    private static DeadLetter map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DeadLetter(rs.getObject("id", UUID.class), rs.getString("message_id"),
                rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getObject("job_id", UUID.class),
                rs.getObject("batch_id", UUID.class), rs.getString("body"), rs.getString("reason"),
                (Integer) rs.getObject("receive_count"), instant(rs.getTimestamp("received_at")),
                instant(rs.getTimestamp("redriven_at")), rs.getString("redriven_by"));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
