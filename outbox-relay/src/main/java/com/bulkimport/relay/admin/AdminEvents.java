package com.bulkimport.relay.admin;

import com.bulkimport.relay.outbox.OutboxStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The operators' SQL on {@code outbox_events}. Changes to many rows go in batches of
 * {@value #BATCH} rows, each its own short transaction that skips rows a relay holds at that moment,
 * so a replay or purge of a million rows never stalls the relays.
 */
@Repository
class AdminEvents {

    static final int BATCH = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SUMMARY = "id, type, aggregatetype, aggregateid, status, attempts, created_at,"
            + " available_at, published_at, last_error, trace_id, replay_count";

    private final JdbcClient jdbc;
    private final OutboxStore outbox;

    AdminEvents(JdbcClient jdbc, OutboxStore outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    AdminViews.EventPage list(EventFilter filter, int page, int size) {
        EventFilter.Sql sql = filter.sql();
        List<AdminViews.EventSummary> items = jdbc.sql("SELECT " + SUMMARY + " FROM outbox_events WHERE " + sql.where()
                        + " ORDER BY created_at DESC, seq DESC LIMIT :limit OFFSET :offset")
                .params(sql.params()).param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> summary(rs)).list();
        long total = jdbc.sql("SELECT count(*) FROM outbox_events WHERE " + sql.where()).params(sql.params())
                .query(Long.class).single();
        return new AdminViews.EventPage(items, page, size, total);
    }

    Optional<AdminViews.EventDetail> find(UUID id) {
        return jdbc.sql("SELECT " + SUMMARY + ", seq, replayed_at, replayed_by, replay_note, payload::text AS payload"
                        + " FROM outbox_events WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new AdminViews.EventDetail(rs.getObject("id", UUID.class), rs.getString("type"),
                        rs.getString("aggregatetype"), rs.getString("aggregateid"), rs.getString("status"),
                        rs.getInt("attempts"), instant(rs, "created_at"), instant(rs, "available_at"),
                        instant(rs, "published_at"), rs.getString("last_error"), rs.getString("trace_id"),
                        rs.getLong("seq"), rs.getInt("replay_count"), instant(rs, "replayed_at"),
                        rs.getString("replayed_by"), rs.getString("replay_note"), JSON.readTree(rs.getString("payload"))))
                .optional();
    }

    /** @return false when the event is unknown or already pending */
    boolean replay(UUID id, String actor, String note) {
        int changed = jdbc.sql("UPDATE outbox_events SET " + REPLAY + " WHERE id = :id AND status <> 'PENDING'")
                .param("id", id).param("actor", actor).param("note", note)
                .update();
        if (changed > 0) {
            outbox.notifyRelays();
        }
        return changed > 0;
    }

    /**
     * Replays every event the filter matches (its status is DEAD or PUBLISHED). Events this call
     * already replayed are not taken again, even once the relay has published them anew.
     */
    long replayMatching(EventFilter filter, String actor, String note) {
        Timestamp started = jdbc.sql("SELECT now()").query(Timestamp.class).single();
        EventFilter.Sql sql = filter.sql();
        Map<String, Object> params = new HashMap<>(sql.params());
        params.put("started", started);
        params.put("actor", actor);
        params.put("note", note);
        params.put("batch", BATCH);
        long replayed = 0;
        int batch;
        do {
            batch = jdbc.sql("""
                            UPDATE outbox_events SET %s
                            WHERE id IN (SELECT id FROM outbox_events
                                         WHERE %s AND (replayed_at IS NULL OR replayed_at < :started)
                                         ORDER BY seq LIMIT :batch FOR UPDATE SKIP LOCKED)"""
                            .formatted(REPLAY, sql.where()))
                    .params(params).update();
            replayed += batch;
            if (batch > 0) {
                outbox.notifyRelays(); // relays can start on this batch while the next one is prepared
            }
        } while (batch == BATCH);
        return replayed;
    }

    /** @return false when the event is unknown or not DEAD */
    boolean purge(UUID id) {
        return jdbc.sql("DELETE FROM outbox_events WHERE id = :id AND status = 'DEAD'").param("id", id).update() > 0;
    }

    /** Deletes the DEAD events the filter matches. */
    long purgeDead(EventFilter filter) {
        EventFilter.Sql sql = filter.withStatus("DEAD").sql();
        Map<String, Object> params = new HashMap<>(sql.params());
        params.put("batch", BATCH);
        long purged = 0;
        int batch;
        do {
            batch = jdbc.sql("""
                            DELETE FROM outbox_events WHERE id IN (
                                SELECT id FROM outbox_events WHERE %s ORDER BY seq LIMIT :batch FOR UPDATE SKIP LOCKED)"""
                            .formatted(sql.where()))
                    .params(params).update();
            purged += batch;
        } while (batch == BATCH);
        return purged;
    }

    /** Back to pending with a clean slate, and the audit trail of who did it and why. */
    private static final String REPLAY = """
            status = 'PENDING', attempts = 0, available_at = now(), last_error = NULL, published_at = NULL,
            replay_note = :note, replayed_by = :actor, replayed_at = now(), replay_count = replay_count + 1""";

    private static AdminViews.EventSummary summary(ResultSet rs) throws SQLException {
        return new AdminViews.EventSummary(rs.getObject("id", UUID.class), rs.getString("type"),
                rs.getString("aggregatetype"), rs.getString("aggregateid"), rs.getString("status"),
                rs.getInt("attempts"), instant(rs, "created_at"), instant(rs, "available_at"),
                instant(rs, "published_at"), rs.getString("last_error"), rs.getString("trace_id"),
                rs.getInt("replay_count"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
