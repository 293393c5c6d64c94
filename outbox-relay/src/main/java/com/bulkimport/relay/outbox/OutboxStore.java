package com.bulkimport.relay.outbox;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The relay's SQL on {@code outbox_events}. Everything here runs inside the caller's transaction. */
@Repository
public class OutboxStore {

    private static final String COLUMNS = "id, aggregatetype, aggregateid, type, payload::text AS payload, trace_id,"
            + " attempts, created_at, seq, ctid::text AS location";

    /**
     * Any order: the first due rows nobody else holds. Rows another relay has locked are skipped,
     * so several relays share the work without waiting on each other.
     */
    /** The work events due, oldest first (the partial index outbox_events_pending_work). */
    private static final String CLAIM_WORK = """
            SELECT %s, %s AS committed_at
            FROM outbox_events
            WHERE status = 'PENDING' AND type IN ('IMPORT_JOB_STARTED', 'IMPORT_BATCH_READY') AND available_at <= now()
            ORDER BY seq
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";

    private static final String CLAIM = """
            SELECT %s, %s AS committed_at
            FROM outbox_events
            WHERE status = 'PENDING' AND available_at <= now() AND seq >= ?
            ORDER BY seq
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";

    /**
     * Per-aggregate order. Rows behind an older row of their aggregate that waits for a retry are not
     * even candidates (so a backlog behind one failing event cannot fill every claim and starve the
     * other aggregates). Of the rows locked, a row is next in line when every older pending row of
     * its aggregate is locked by this claim too; a row behind one this claim does not hold (another
     * relay holds it) is let go again ({@link #claim}). That test asks the aggregate's pending index only
     * for rows older than the claimed one ({@code o.seq < c.seq}, all of it in the index), so for the
     * common aggregate of one pending row it finds nothing and reads no table page: an index-only probe.
     * Asking for the aggregate's first pending row outside the claim instead found the claimed row itself
     * first and read its table row to rule it out: a claim of 1,000 rows took 13.3 ms on an idle
     * PostgreSQL, 11.7 ms now, 6.5 ms with no test at all. A relay's threads each take their own share
     * of the aggregates (by hash), so they never wait on each other.
     *
     * <p>The share test is a CASE on purpose. PostgreSQL has no statistics for {@code mod(hashtext(…), n) = k}
     * and estimates a comparison with such an expression to hold for 1 row in 200. Once an ANALYZE had seen
     * a backlog (autoanalyze runs after the first 10 % of a table's rows changed) it expected the walk along
     * {@code outbox_events_pending_seq} to go a long way for {@code LIMIT} rows, and chose to read and sort
     * every pending row instead: 0.9 s per claim of 1,000 on a 100,000-row backlog, 3 to 4 s on 1,000,000,
     * against 10 to 50 ms for the walk (bench/relay's Kafka figure swung with whether that ANALYZE came
     * before the drain). A bare boolean expression it estimates at one half, which keeps the walk. With
     * one share there is no test at all.
     */
    private static final String CLAIM_IN_ORDER = """
            WITH claimed AS MATERIALIZED (
                SELECT %s, %s AS committed_at
                FROM outbox_events e
                WHERE status = 'PENDING' AND available_at <= now()
                  AND NOT EXISTS (
                      SELECT 1 FROM outbox_events waiting
                      WHERE waiting.status = 'PENDING' AND waiting.attempts > 0 AND waiting.available_at > now()
                        AND waiting.aggregatetype = e.aggregatetype AND waiting.aggregateid = e.aggregateid
                        AND waiting.seq < e.seq)
                  AND e.seq >= ?
                  %s
                ORDER BY seq
                LIMIT ?
                FOR UPDATE OF e SKIP LOCKED)
            SELECT c.*, NOT EXISTS (
                       SELECT 1 FROM outbox_events o
                       WHERE o.status = 'PENDING'
                         AND o.aggregatetype = c.aggregatetype AND o.aggregateid = c.aggregateid AND o.seq < c.seq
                         AND o.seq NOT IN (SELECT seq FROM claimed)) AS next_in_line
            FROM claimed c
            ORDER BY c.seq""";

    /** This claimer's share of the aggregates (see {@link #CLAIM_IN_ORDER} for why it is a CASE). */
    private static final String SHARE = """
            AND CASE WHEN mod(hashtext(e.aggregatetype || ':' || e.aggregateid) & 2147483647, ?) = ? THEN true
                     ELSE false END""";

    private static final String UNORDERED = "unordered";

    /**
     * No status test: these rows are ours and pending, and a test the partial indexes answer would let the planner
     * read one of them whole again. The ids too: an address freed and taken by another row meanwhile must not mark
     * that row.
     */
    private static final String MARK_BY_LOCATION = """
            UPDATE outbox_events SET status = 'PUBLISHED', published_at = clock_timestamp(), last_error = NULL
            WHERE ctid = ANY (CAST(? AS tid[])) AND id = ANY (?)
            RETURNING id, published_at""";

    private static final String MARK_BY_SEQ = """
            UPDATE outbox_events SET status = 'PUBLISHED', published_at = clock_timestamp(), last_error = NULL
            WHERE seq = ANY (?) AND status = 'PENDING'
            RETURNING id, published_at""";

    private static final RowMapper<OutboxMessage> MESSAGE = (rs, n) -> new OutboxMessage(
            rs.getObject("id", UUID.class), rs.getString("aggregatetype"), rs.getString("aggregateid"),
            rs.getString("type"), rs.getString("payload"), rs.getString("trace_id"), rs.getInt("attempts"),
            rs.getTimestamp("created_at").toInstant(), rs.getLong("seq"), rs.getTimestamp("committed_at").toInstant(),
            rs.getString("location"));

    private final JdbcTemplate jdbc;
    private final String claim;
    private final String claimWork;
    private final String claimInOrder;
    private final String claimInOrderOneShare;
    private final ClaimFloors floors = new ClaimFloors(FLOOR_RESCAN);
    private final PendingStatistics statistics;

    /** How long a claim floor holds before a claim walks the whole pending index again ({@link ClaimFloors}). */
    static final Duration FLOOR_RESCAN = Duration.ofSeconds(1);

    OutboxStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.statistics = new PendingStatistics(jdbc);
        String committedAt = tracksCommitTimestamps(jdbc)
                // a row's xmin is its inserting transaction until the relay itself updates it (a retry)
                ? "CASE WHEN attempts = 0 THEN coalesce(pg_xact_commit_timestamp(xmin), created_at) ELSE created_at END"
                : "created_at";
        this.claim = CLAIM.formatted(COLUMNS, committedAt);
        this.claimWork = CLAIM_WORK.formatted(COLUMNS, committedAt);
        this.claimInOrder = CLAIM_IN_ORDER.formatted(COLUMNS, committedAt, SHARE);
        this.claimInOrderOneShare = CLAIM_IN_ORDER.formatted(COLUMNS, committedAt, "");
    }

    private static boolean tracksCommitTimestamps(JdbcTemplate jdbc) {
        return "on".equals(jdbc.queryForObject("SELECT current_setting('track_commit_timestamp')", String.class));
    }

    /**
     * The rows of one claim.
     *
     * @param messages to publish now, oldest first
     * @param locked   rows locked, including those that must wait behind another relay's (ordered claims)
     */
    public record Claim(List<OutboxMessage> messages, int locked) {
    }

    /**
     * Locks up to {@code limit} due rows, oldest first, in any order of aggregates; work events first. A batch is
     * announced as the one before it of its tenant is applied (the tenant's window), right behind the record events
     * that batch wrote: claimed in seq order alone, an import would wait for the relay to drain its own events
     * before its next batch could start (V24).
     */
    public Claim claim(int limit) {
        walkTheSeqIndexes();
        List<OutboxMessage> work = jdbc.query(claimWork, MESSAGE, limit);
        if (work.size() >= limit) {
            return new Claim(work, work.size());
        }
        // the rows this transaction locked already come again (its own locks are no lock to it): kept once
        Set<UUID> taken = new HashSet<>();
        List<OutboxMessage> messages = new ArrayList<>(work);
        work.forEach(message -> taken.add(message.id()));
        int asked = limit - work.size();
        long from = floors.from(UNORDERED);
        List<OutboxMessage> rest = jdbc.query(claim, MESSAGE, from, asked);
        floors.after(UNORDERED, from, rest.size(), asked,
                rest.stream().mapToLong(OutboxMessage::seq).min().orElse(from));
        for (OutboxMessage message : rest) {
            if (taken.add(message.id())) {
                messages.add(message);
            }
        }
        return new Claim(messages, messages.size());
    }

    /** Locks up to {@code limit} due work events, oldest first, and nothing else (the relay's work lane). */
    public Claim claimWork(int limit) {
        walkTheSeqIndexes();
        List<OutboxMessage> work = jdbc.query(claimWork, MESSAGE, limit);
        return new Claim(work, work.size());
    }

    /**
     * Locks up to {@code limit} due rows of this share of the aggregates and keeps each aggregate's
     * next ones. Rows that must wait (an older row of their aggregate is another relay's right now)
     * are unlocked again at once, by rolling back to a savepoint and locking only the rows kept: held,
     * they would block that other relay's next round in turn.
     *
     * @param share  which share of the aggregates (0 ≤ share &lt; shares)
     * @param shares how many claimers of this relay divide the aggregates among them
     */
    public Claim claimInOrder(int limit, int share, int shares) {
        walkTheSeqIndexes();
        jdbc.execute("SAVEPOINT outbox_claim");
        List<OutboxMessage> next = new ArrayList<>();
        int[] locked = {0};
        long[] lowest = {Long.MAX_VALUE};
        RowCallbackHandler keep = rs -> {
            locked[0]++;
            lowest[0] = Math.min(lowest[0], rs.getLong("seq"));
            if (rs.getBoolean("next_in_line")) {
                next.add(MESSAGE.mapRow(rs, locked[0]));
            }
        };
        String lane = "ordered:" + share + "/" + shares;
        long from = floors.from(lane);
        if (shares > 1) {
            jdbc.query(claimInOrder, keep, from, shares, share, limit);
        } else {
            jdbc.query(claimInOrderOneShare, keep, from, limit);
        }
        floors.after(lane, from, locked[0], limit, lowest[0]);
        if (next.size() == locked[0]) {
            jdbc.execute("RELEASE SAVEPOINT outbox_claim");
            return new Claim(next, locked[0]);
        }
        jdbc.execute("ROLLBACK TO SAVEPOINT outbox_claim"); // releases the row locks taken since
        if (next.isEmpty()) {
            return new Claim(next, locked[0]);
        }
        Set<UUID> relocked = new HashSet<>(jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "SELECT id FROM outbox_events WHERE id = ANY (?) AND status = 'PENDING' FOR UPDATE SKIP LOCKED");
            statement.setArray(1, connection.createArrayOf("uuid", next.stream().map(OutboxMessage::id).toArray()));
            return statement;
        }, (rs, n) -> rs.getObject(1, UUID.class)));
        // in the moment between, another relay may have taken an aggregate's head: then none of that aggregate
        Set<String> interrupted = new HashSet<>();
        List<OutboxMessage> kept = new ArrayList<>(next.size());
        for (OutboxMessage message : next) {
            String aggregate = message.aggregateType() + ":" + message.aggregateId();
            if (!relocked.contains(message.id())) {
                interrupted.add(aggregate);
            } else if (!interrupted.contains(aggregate)) {
                kept.add(message);
            }
        }
        return new Claim(kept, locked[0]);
    }

    /**
     * A claim wants the first rows of a pending index in seq order and stops at its limit; every other plan reads
     * every pending row, and sorts them, for each claim. The planner chose such a plan (a bitmap scan of the
     * pending rows and a sort) when the statistics said few rows were pending while a big import's events piled
     * up: a claim of 100 rows took 2.4 s on a 70,000-row backlog, the work lane's 100 ms, against 14 ms and
     * 0.05 ms once autovacuum had analyzed the table (bench/import-throughput, a million rows, each announced).
     * For the rest of the claim's transaction (its other statements are updates by seq and by id) no plan may
     * sort or bitmap-scan, whatever the statistics say.
     */
    private void walkTheSeqIndexes() {
        walkTheSeqIndexes(jdbc);
    }

    static void walkTheSeqIndexes(JdbcTemplate jdbc) {
        jdbc.queryForRowSet("SELECT set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true),"
                + " set_config('enable_seqscan', 'off', true)");
    }

    /** The SQL of {@link #claim}'s second statement and of {@link #claimWork} (for the plan tests). */
    String claimSql() {
        return claim;
    }

    String claimWorkSql() {
        return claimWork;
    }

    static String markByLocationSql() {
        return MARK_BY_LOCATION;
    }

    /**
     * After a round's commit: a claim that came back full ({@code locked} of {@code asked}) is the moment to check
     * that the planner still knows rows are pending ({@link PendingStatistics}).
     *
     * @return true when it analyzed the table
     */
    public boolean afterClaim(int locked, int asked) {
        return locked >= asked && statistics.afterFullClaim(locked);
    }

    /**
     * Marks claimed rows published, by the address each had when the claim locked it: a TID scan, which reads just
     * those rows whatever the statistics say. By seq, the pending index on seq was the plan to have, but the planner
     * was free to take the pending aggregate index instead (seq is its last column, so the whole index is read):
     * after a TRUNCATE, or with statistics that called that index tiny, it did, and marking a round of 12 events
     * cost 2 ms instead of 0.2 at 1,000 events/s, on the path of every event's latency (bench/relay; 12 ms on a
     * 50,000-row table, EXPLAIN ANALYZE). Locked rows keep their address; a row that was not found there (it was
     * unlocked and locked again in between, {@link #claimInOrder}, and may have moved) is marked by seq.
     *
     * @return when each row was marked, by id (the publish time the latency metric ends at)
     */
    public Map<UUID, Instant> markPublished(List<OutboxMessage> messages) {
        Map<UUID, Instant> marked = new HashMap<>(messages.size() * 2);
        RowCallbackHandler record = rs -> marked.put(rs.getObject("id", UUID.class),
                rs.getTimestamp("published_at").toInstant());
        List<OutboxMessage> located = messages.stream().filter(message -> message.location() != null).toList();
        if (!located.isEmpty()) {
            jdbc.query(connection -> {
                var statement = connection.prepareStatement(MARK_BY_LOCATION);
                statement.setArray(1, connection.createArrayOf("text",
                        located.stream().map(OutboxMessage::location).toArray()));
                statement.setArray(2, connection.createArrayOf("uuid", located.stream().map(OutboxMessage::id).toArray()));
                return statement;
            }, record);
        }
        List<OutboxMessage> rest = messages.stream().filter(message -> !marked.containsKey(message.id())).toList();
        if (!rest.isEmpty()) {
            jdbc.query(connection -> {
                var statement = connection.prepareStatement(MARK_BY_SEQ);
                statement.setArray(1, connection.createArrayOf("bigint", rest.stream().map(OutboxMessage::seq).toArray()));
                return statement;
            }, record);
        }
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
}
