package com.bulkimport.relay.retention;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.relay.RelayApplication;
import com.bulkimport.relay.outbox.RelayProperties;
import com.bulkimport.relay.testing.OutboxRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Published rows past retention go, in small batches that wait for no lock; everything else stays. */
@SpringBootTest(classes = RelayApplication.class,
        properties = {"spring.config.name=outbox-relay", "bulkimport.relay.enabled=false"})
class RetentionSweeperIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    DataSource dataSource;
    @Autowired
    RetentionSweeper configured;

    private RetentionSweeper sweeper;
    private OutboxRows rows;

    @BeforeEach
    void cleanSlate() {
        rows = new OutboxRows(jdbc);
        rows.settleEverythingPending();
        // nothing from other tests is older than a week: only this test's rows are in play
        jdbc.sql("DELETE FROM outbox_events WHERE published_at < now() - interval '7 days'").update();
        sweeper = new RetentionSweeper(jdbcTemplate, new RelayProperties.Retention(Duration.ofDays(7), 7,
                Duration.ofMinutes(1)));
    }

    private List<UUID> rowsOf(String status, String age, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = rows.writeRaw("RETENTION_TEST", "job-r", "{\"n\":" + i + "}");
            jdbc.sql("""
                            UPDATE outbox_events SET status = :status, created_at = now() - CAST(:age AS interval),
                                   published_at = CASE WHEN :status = 'PUBLISHED' THEN now() - CAST(:age AS interval) END
                            WHERE id = :id""")
                    .param("status", status).param("age", age).param("id", id).update();
            ids.add(id);
        }
        return ids;
    }

    private long existing(List<UUID> ids) {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE id IN (:ids)").param("ids", ids)
                .query(Long.class).single();
    }

    @Test
    void deletesOnlyPublishedRowsPastTheRetentionPeriodInBatches() {
        List<UUID> expired = rowsOf("PUBLISHED", "8 days", 23);
        List<UUID> recent = rowsOf("PUBLISHED", "6 days", 4);
        List<UUID> dead = rowsOf("DEAD", "30 days", 3);
        List<UUID> pending = rowsOf("PENDING", "9 days", 2);

        assertThat(sweeper.sweep()).isEqualTo(23); // four batches of 7 (the last one short)

        assertThat(existing(expired)).isZero();
        assertThat(existing(recent)).isEqualTo(4);
        assertThat(existing(dead)).as("DEAD rows stay until replayed or purged").isEqualTo(3);
        assertThat(existing(pending)).isEqualTo(2);
        assertThat(sweeper.sweep()).isZero();
    }

    @Test
    void aRowSomeoneHoldsIsSkippedNotWaitedFor() throws Exception {
        List<UUID> expired = rowsOf("PUBLISHED", "10 days", 10);
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM outbox_events WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, expired.get(0));
                lock.executeQuery();
            }

            long deleted = CompletableFuture.supplyAsync(sweeper::sweep).get(5, TimeUnit.SECONDS);

            assertThat(deleted).isEqualTo(9);
            holder.rollback();
        }
        assertThat(existing(expired)).isEqualTo(1);
        assertThat(sweeper.sweep()).isEqualTo(1);
    }

    @Test
    void theConfiguredSweeperKeepsSevenDaysByDefault() {
        List<UUID> expired = rowsOf("PUBLISHED", "7 days 1 hour", 2);
        List<UUID> kept = rowsOf("PUBLISHED", "6 days 23 hours", 2);

        assertThat(configured.sweep()).isEqualTo(2);

        assertThat(existing(expired)).isZero();
        assertThat(existing(kept)).isEqualTo(2);
    }
}
