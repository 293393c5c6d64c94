package com.bulkimport.relay.outbox;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.relay.RelayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims walk a pending index in seq order whatever the statistics say. With the statistics of a table analyzed
 * while (nearly) empty, before a first big import, the planner chose to read every pending row and sort them for
 * each claim: bench/import-throughput's relay took 2.4 s a claim for the import's first minute, 1.2 ms with the
 * claims' transactions barred from sorting and bitmap scans. (That plan depends on the table's sizes and the cost
 * model; these tests check the bar itself and the plan under it.)
 */
@SpringBootTest(classes = RelayApplication.class, properties = {"spring.config.name=outbox-relay",
        "bulkimport.relay.enabled=false", "server.port=0"})
class ClaimPlansIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void everyClaimWalksTheSeqIndexesForTheRestOfItsTransaction() {
        OutboxStore store = new OutboxStore(jdbc);
        List<Runnable> claims = List.of(() -> store.claim(10), () -> store.claimWork(10),
                () -> store.claimInOrder(10, 0, 1), () -> store.claimInOrder(10, 1, 2));
        for (Runnable claim : claims) {
            List<String> settings = tx.execute(status -> {
                claim.run();
                return jdbc.queryForList("SELECT current_setting(name) FROM unnest(ARRAY['enable_sort',"
                        + " 'enable_bitmapscan', 'enable_seqscan']) name", String.class);
            });
            assertThat(settings).containsExactly("off", "off", "off");
        }
        assertThat(jdbc.queryForList("SELECT current_setting('enable_sort')", String.class))
                .as("only for the claim's transaction").containsExactly("on");
    }

    @Test
    void aBacklogBehindTheStatisticsOfAnEmptyTableIsClaimedByWalkingTheIndexes() {
        OutboxStore store = new OutboxStore(jdbc);
        pendingBehindTheStatisticsOfAnEmptyTable("""
                SELECT gen_random_uuid(), CASE WHEN g % 250 = 0 THEN 'import_job' ELSE 'product' END, 'plan-' || g,
                       CASE WHEN g % 250 = 0 THEN 'IMPORT_BATCH_READY' ELSE 'PRODUCT_CREATED' END, '{}'
                FROM generate_series(1, 20000) g""");
        try {
            assertThat(plan(store.claimWorkSql(), 100))
                    .anyMatch(line -> line.contains("Index Scan using outbox_events_pending_work"))
                    .noneMatch(line -> line.contains("Sort") || line.contains("Bitmap") || line.contains("Seq Scan"));
            assertThat(plan(store.claimSql(), 0L, 100))
                    .anyMatch(line -> line.contains("Index Scan using outbox_events_pending_seq"))
                    .noneMatch(line -> line.contains("Sort") || line.contains("Bitmap") || line.contains("Seq Scan"));
        } finally {
            jdbc.update("UPDATE outbox_events SET status = 'PUBLISHED' WHERE status = 'PENDING'");
        }
    }

    /**
     * The mark reads just the claimed rows, at their addresses. By seq the pending aggregate index, whose last column
     * seq is, could serve it too, read whole; with the statistics of an empty table the planner chose it: 12 ms for a
     * round of 12 rows on a 50,000-row table, and 2 ms on average, on every event's path, at 1,000 events/s
     * (bench/relay).
     */
    @Test
    void theMarkReadsTheClaimedRowsAtTheirAddressesWhateverTheStatistics() {
        OutboxStore store = new OutboxStore(jdbc);
        pendingBehindTheStatisticsOfAnEmptyTable("""
                SELECT gen_random_uuid(), 'import_job', 'mark-' || g, 'IMPORT_BATCH_COMPLETED', '{}'
                FROM generate_series(1, 20000) g""");
        try {
            List<String> plan = tx.execute(status -> {
                List<OutboxMessage> claimed = store.claim(12).messages();
                assertThat(claimed).hasSize(12);
                return jdbc.execute((ConnectionCallback<List<String>>) connection -> {
                    try (PreparedStatement explain = connection.prepareStatement(
                            "EXPLAIN (ANALYZE, BUFFERS) " + OutboxStore.markByLocationSql())) {
                        explain.setArray(1, connection.createArrayOf("text",
                                claimed.stream().map(OutboxMessage::location).toArray()));
                        explain.setArray(2, connection.createArrayOf("uuid", claimed.stream().map(OutboxMessage::id).toArray()));
                        List<String> lines = new ArrayList<>();
                        try (ResultSet rows = explain.executeQuery()) {
                            while (rows.next()) {
                                lines.add(rows.getString(1));
                            }
                        }
                        return lines;
                    }
                });
            });
            assertThat(plan).anyMatch(line -> line.contains("Tid Scan on outbox_events"))
                    .anyMatch(line -> line.contains("Update on outbox_events") && line.contains("rows=12 loops=1"))
                    .noneMatch(line -> line.contains("Index") || line.contains("Seq Scan"));
        } finally {
            jdbc.update("UPDATE outbox_events SET status = 'PUBLISHED' WHERE status = 'PENDING'");
        }
    }

    /**
     * A row is looked for at the address its claim saw, and only if it is the same row (its id): one unlocked and
     * locked again in between ({@link OutboxStore#claimInOrder}) may have moved, and its old address may hold
     * another row by then. Such a row is marked by seq, and the row at its old address is left alone.
     */
    @Test
    void aRowNoLongerAtItsAddressIsMarkedBySeqAndTheRowThereIsLeftAlone() {
        OutboxStore store = new OutboxStore(jdbc);
        jdbc.update("UPDATE outbox_events SET status = 'PUBLISHED' WHERE status = 'PENDING'");
        jdbc.update("""
                INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload)
                VALUES (gen_random_uuid(), 'import_job', 'moved-a', 'IMPORT_BATCH_COMPLETED', '{}'),
                       (gen_random_uuid(), 'import_job', 'moved-b', 'IMPORT_BATCH_COMPLETED', '{}')""");
        Map<UUID, Instant> marked = tx.execute(status -> {
            List<OutboxMessage> claimed = store.claim(10).messages();
            assertThat(claimed).extracting(OutboxMessage::aggregateId).containsExactly("moved-a", "moved-b");
            OutboxMessage a = claimed.get(0);
            OutboxMessage b = claimed.get(1);
            OutboxMessage aSeenAtBsAddress = new OutboxMessage(a.id(), a.aggregateType(), a.aggregateId(), a.type(),
                    a.payload(), a.traceId(), a.attempts(), a.createdAt(), a.seq(), a.committedAt(), b.location());
            return store.markPublished(List.of(aSeenAtBsAddress));
        });
        assertThat(marked).hasSize(1);
        assertThat(jdbc.queryForList("SELECT aggregateid || ' ' || status FROM outbox_events"
                + " WHERE aggregateid LIKE 'moved-%' ORDER BY aggregateid", String.class))
                .containsExactly("moved-a PUBLISHED", "moved-b PENDING");
        jdbc.update("UPDATE outbox_events SET status = 'PUBLISHED' WHERE status = 'PENDING'");
    }

    /** Empties the table, analyzes it, and then inserts the pending rows {@code rows} selects. */
    private void pendingBehindTheStatisticsOfAnEmptyTable(String rows) {
        jdbc.update("UPDATE outbox_events SET status = 'PUBLISHED' WHERE status = 'PENDING'");
        jdbc.update("DELETE FROM outbox_events");
        jdbc.execute("VACUUM ANALYZE outbox_events"); // the statistics of an empty table
        jdbc.update("INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload) " + rows);
    }

    /** The plan of {@code sql}, as a claim's transaction gets it. */
    private List<String> plan(String sql, Object... arguments) {
        return tx.execute(status -> {
            OutboxStore.walkTheSeqIndexes(jdbc);
            return jdbc.queryForList("EXPLAIN " + sql, String.class, arguments);
        });
    }
}
