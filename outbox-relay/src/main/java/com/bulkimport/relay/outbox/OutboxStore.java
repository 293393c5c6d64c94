package com.bulkimport.relay.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The relay's SQL on {@code outbox_events}. Claims must run inside the caller's transaction. */
@Repository
public class OutboxStore {

    private final JdbcClient jdbc;

    OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks up to {@code limit} due rows, oldest first; rows another relay holds are skipped, so
     * several relays share the work without waiting on each other.
     */
    public List<OutboxMessage> claim(int limit) {
        return jdbc.sql("""
                        SELECT id, aggregatetype, aggregateid, type, payload::text AS payload, trace_id, attempts, created_at
                        FROM outbox_events
                        WHERE status = 'PENDING' AND available_at <= now()
                        ORDER BY created_at
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED""")
                .param("limit", limit)
                .query((rs, n) -> new OutboxMessage(rs.getObject("id", UUID.class), rs.getString("aggregatetype"),
                        rs.getString("aggregateid"), rs.getString("type"), rs.getString("payload"),
                        rs.getString("trace_id"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public void markPublished(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE outbox_events SET status = 'PUBLISHED', published_at = clock_timestamp(), last_error = NULL"
                        + " WHERE id IN (:ids)")
                .param("ids", ids)
                .update();
    }

    public void markFailed(UUID id, String error, Duration retryIn) {
        jdbc.sql("""
                        UPDATE outbox_events SET attempts = attempts + 1, last_error = :error,
                               available_at = now() + make_interval(secs => :seconds)
                        WHERE id = :id""")
                .param("error", truncate(error)).param("seconds", retryIn.toMillis() / 1000.0).param("id", id)
                .update();
    }

    public void markDead(UUID id, String error) {
        jdbc.sql("UPDATE outbox_events SET status = 'DEAD', attempts = attempts + 1, last_error = :error WHERE id = :id")
                .param("error", truncate(error)).param("id", id)
                .update();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }
}
