package com.bulkimport.relay.outbox;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.relay.RelayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

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
        jdbc.update("UPDATE outbox_events SET status = 'PUBLISHED' WHERE status = 'PENDING'");
        jdbc.update("DELETE FROM outbox_events");
        jdbc.execute("VACUUM ANALYZE outbox_events"); // the statistics of an empty table
        jdbc.update("""
                INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload)
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

    /** The plan of {@code sql}, as a claim's transaction gets it. */
    private List<String> plan(String sql, Object... arguments) {
        return tx.execute(status -> {
            OutboxStore.walkTheSeqIndexes(jdbc);
            return jdbc.queryForList("EXPLAIN " + sql, String.class, arguments);
        });
    }
}
