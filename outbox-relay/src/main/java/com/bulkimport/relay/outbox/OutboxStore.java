package com.bulkimport.relay.outbox;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The relay's SQL on {@code outbox_events}. Everything here runs inside the caller's transaction. */
@Repository
public class OutboxStore {

    private static final String COLUMNS = "id, aggregatetype, aggregateid, type, payload::text AS payload, trace_id,"
            + " attempts, created_at, seq";

    /**
     * Any order: the first due rows nobody else holds. Rows another relay has locked are skipped,
     * so several relays share the work without waiting on each other.
     */
    private static final String CLAIM = """
            SELECT %s, %s AS committed_at
            FROM outbox_events
            WHERE status = 'PENDING' AND available_at <= now()
            ORDER BY seq
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";

    /**
     * Per-aggregate order: of the rows claimed, keep only those with no older pending row of their
     * aggregate outside the claim. An older row that another relay holds, or that waits for a retry,
     * holds back the newer ones of its aggregate until it is published (or dead); the rows left out
     * stay locked until commit, so no other relay can publish them ahead either.
     */
    private static final String CLAIM_IN_ORDER = """
            WITH claimed AS MATERIALIZED (
                SELECT %s, %s AS committed_at
                FROM outbox_events
                WHERE status = 'PENDING' AND available_at <= now()
                ORDER BY seq
                LIMIT ?
                FOR UPDATE SKIP LOCKED)
            SELECT * FROM claimed c
            WHERE NOT EXISTS (
                SELECT 1 FROM outbox_events older
                WHERE older.status = 'PENDING'
                  AND older.aggregatetype = c.aggregatetype AND older.aggregateid = c.aggregateid
                  AND older.seq < c.seq
                  AND older.id NOT IN (SELECT id FROM claimed))
            ORDER BY seq""";

    private static final RowMapper<OutboxMessage> MESSAGE = (rs, n) -> new OutboxMessage(
            rs.getObject("id", UUID.class), rs.getString("aggregatetype"), rs.getString("aggregateid"),
            rs.getString("type"), rs.getString("payload"), rs.getString("trace_id"), rs.getInt("attempts"),
            rs.getTimestamp("created_at").toInstant(), rs.getLong("seq"), rs.getTimestamp("committed_at").toInstant());

    private final JdbcTemplate jdbc;
    private final String claim;
    private final String claimInOrder;

    OutboxStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        String committedAt = tracksCommitTimestamps(jdbc)
                // a row's xmin is its inserting transaction until the relay itself updates it (a retry)
                ? "CASE WHEN attempts = 0 THEN coalesce(pg_xact_commit_timestamp(xmin), created_at) ELSE created_at END"
                : "created_at";
        this.claim = CLAIM.formatted(COLUMNS, committedAt);
        this.claimInOrder = CLAIM_IN_ORDER.formatted(COLUMNS, committedAt);
    }

    private static boolean tracksCommitTimestamps(JdbcTemplate jdbc) {
        return "on".equals(jdbc.queryForObject("SELECT current_setting('track_commit_timestamp')", String.class));
    }

    /** Locks up to {@code limit} due rows, oldest first; with {@code inOrder} only each aggregate's next ones. */
    public List<OutboxMessage> claim(int limit, boolean inOrder) {
        return jdbc.query(inOrder ? claimInOrder : claim, MESSAGE, limit);
    }

    /** @return when each row was marked, by id (the publish time the latency metric ends at) */
    public Map<UUID, Instant> markPublished(List<UUID> ids) {
        Map<UUID, Instant> marked = new HashMap<>(ids.size() * 2);
        if (ids.isEmpty()) {
            return marked;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    UPDATE outbox_events SET status = 'PUBLISHED', published_at = clock_timestamp(), last_error = NULL
                    WHERE id = ANY (?)
                    RETURNING id, published_at""");
            Array array = connection.createArrayOf("uuid", ids.toArray());
            statement.setArray(1, array);
            return statement;
        }, rs -> {
            marked.put(rs.getObject("id", UUID.class), rs.getTimestamp("published_at").toInstant());
        });
        return marked;
    }

    public void markFailed(UUID id, String error, Duration retryIn) {
        jdbc.update("""
                        UPDATE outbox_events SET attempts = attempts + 1, last_error = ?,
                               available_at = now() + make_interval(secs => ?)
                        WHERE id = ?""",
                truncate(error), retryIn.toMillis() / 1000.0, id);
    }

    public void markDead(UUID id, String error) {
        jdbc.update("UPDATE outbox_events SET status = 'DEAD', attempts = attempts + 1, last_error = ? WHERE id = ?",
                truncate(error), id);
    }

    /** Wakes every listening relay (after rows became pending without an insert, e.g. a replay). */
    public void notifyRelays() {
        jdbc.execute("SELECT pg_notify('outbox', '')");
    }

    static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
