package com.bulkimport.worker.faults;

import com.bulkimport.local.embedded.FreePorts;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL goes away in the middle of a many-batch apply, on a server of this test's own (not the
 * shared one): stopped and started again on the same port and data directory as an operator or a
 * failover would ({@code pg_ctl stop -m fast}: every session ends, the batches running roll back), or
 * crashed, as when the kernel's OOM killer takes one server process (every session ends and the server
 * recovers from its WAL). The worker is never restarted: its pool must find the server again, and the
 * batches that died with their sessions come back by redelivery.
 */
class DatabaseRestartIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();
    static final int ROWS = 8_000;
    static final int BATCH_SIZE = 200;

    private final String tenant = "t-" + UUID.randomUUID();
    private Path dataDirectory;
    private int port;
    private PostgresServer postgres;
    private JdbcClient jdbc;

    @BeforeEach
    void ownServer() throws IOException {
        dataDirectory = Files.createTempDirectory("worker-restart-pg");
        port = FreePorts.find();
        postgres = PostgresServer.start(dataDirectory, port);
        jdbc = FaultImports.freshConnections(postgres.jdbcUrl(), postgres.user(), postgres.password());
        // the test servers trade durability for speed; a crash must find what it finds in production: every
        // commit the worker was told of (it deletes a message only then)
        jdbc.sql("ALTER DATABASE postgres SET synchronous_commit = on").update();
    }

    @AfterEach
    void stopServer() throws IOException {
        postgres.close();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** A quarter of a second per batch, so the outage surely finds batches running and batches waiting. */
    private void slowBatches() {
        jdbc.sql("""
                CREATE FUNCTION test_slow_batch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  PERFORM pg_sleep(0.25);
                  RETURN NULL;
                END $$""").update();
        jdbc.sql("CREATE TRIGGER test_slow_batch AFTER INSERT ON customers FOR EACH STATEMENT"
                + " EXECUTE FUNCTION test_slow_batch()").update();
    }

    /** What the outage does to the server; returns when it takes connections again. */
    private interface Outage {
        void strike() throws Exception;
    }

    /**
     * Imports 8,000 customers in 40 batches and strikes once five are applied; asserts the job then
     * completes exactly once, with no help, batches applied after the outage by new connections.
     */
    private void importThrough(String queue, String prefix, Outage outage) throws Exception {
        FaultRelay.Queues queues = FaultRelay.Queues.create(INFRA, queue);
        FaultImports.CustomerFile file = new FaultImports.CustomerFile(prefix, ROWS, 0);
        FaultImports imports = new FaultImports(jdbc, INFRA);
        try (FaultRelay relay = new FaultRelay(jdbc, INFRA, queues);
             RunningWorker worker = RunningWorker.start(INFRA, queues, Map.of(
                     "spring.datasource.url", postgres.jdbcUrl()))) {
            slowBatches(); // once the worker has migrated its new database
            UUID jobId = imports.start(tenant, file, BATCH_SIZE);
            relay.follow(jobId);

            FaultImports.Progress atOutage = imports.await(jobId, "applying", Duration.ofSeconds(120),
                    p -> p.batchesDone() >= 5 || FaultImports.ended(p));
            OffsetDateTime struck = jdbc.sql("SELECT clock_timestamp()").query(OffsetDateTime.class).single();
            outage.strike();

            assertThat(atOutage.status()).as("struck while applying").isEqualTo("APPLYING");
            FaultImports.Progress end = imports.await(jobId, "ended", Duration.ofSeconds(120), FaultImports::ended);
            assertThat(end.status()).isEqualTo("COMPLETED");
            assertThat(jdbc.sql("SELECT count(*) FROM import_batches WHERE job_id = :id AND updated_at > :struck")
                    .param("id", jobId).param("struck", struck).query(Long.class).single())
                    .as("batches applied after the outage, by the pool's new connections").isPositive();
            imports.assertImportedExactlyOnce(jobId, tenant, file, BATCH_SIZE);
            queues.awaitDrained(INFRA, Duration.ofSeconds(60));
            assertThat(jdbc.sql("SELECT count(*) FROM dead_letters WHERE job_id = :id").param("id", jobId)
                    .query(Long.class).single()).isZero();
            assertThat(worker.readiness().status()).as("ready again, nobody restarted it").isEqualTo(200);
        }
    }

    @Test
    void aRestartMidApplyLosesNothingAndAppliesNothingTwice() throws Exception {
        importThrough("faults-pg-restart", "P", () -> {
            OffsetDateTime firstStart = postmasterStart();
            postgres.close();
            Thread.sleep(3_000); // down: every worker thread finds no server, the pool none to connect to
            postgres = PostgresServer.start(dataDirectory, port);
            assertThat(postmasterStart()).as("a new postmaster, not the old one").isAfter(firstStart);
        });
    }

    @Test
    void aCrashMidApplyLosesNothingAndAppliesNothingTwice() throws Exception {
        importThrough("faults-pg-crash", "C", () -> postgres.crash());
    }

    private OffsetDateTime postmasterStart() {
        return jdbc.sql("SELECT pg_postmaster_start_time()").query(OffsetDateTime.class).single();
    }
}
