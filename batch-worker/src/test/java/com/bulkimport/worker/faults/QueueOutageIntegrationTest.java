package com.bulkimport.worker.faults;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.TcpGate;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQS goes away for 30 s while batches are in flight: a gate in front of ElasticMQ resets the worker's
 * connections and refuses new ones. The batches being applied commit, but their messages can be neither
 * deleted nor kept invisible; they come back once the visibility timeout ran out (10 s here, 120 s in
 * production: the outage outlasts it either way) and the inbox drops them. The queue itself keeps every
 * message, as SQS does: the relay's side of an outage is the relay's own suite.
 */
class QueueOutageIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final int ROWS = 6_000;
    static final int BATCH_SIZE = 200;

    private final String tenant = "t-" + UUID.randomUUID();
    private final JdbcClient jdbc = FaultImports.freshConnections(INFRA.postgres().jdbcUrl(), INFRA.postgres().user(),
            INFRA.postgres().password());
    private final FaultImports imports = new FaultImports(jdbc, INFRA);

    /** Half a second per batch of this test's tenant (two rows of each sleep), so batches are surely in flight. */
    private void slowBatches(boolean on) {
        if (on) {
            jdbc.sql("""
                    CREATE OR REPLACE FUNCTION test_slow_batch() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF NEW.tenant = '%s' AND right(NEW.customer_ref, 2) = '00' THEN PERFORM pg_sleep(0.25); END IF;
                      RETURN NEW;
                    END $$""".formatted(tenant)).update();
            jdbc.sql("CREATE TRIGGER test_slow_batch BEFORE INSERT ON customers FOR EACH ROW"
                    + " EXECUTE FUNCTION test_slow_batch()").update();
        } else {
            jdbc.sql("DROP TRIGGER IF EXISTS test_slow_batch ON customers").update();
        }
    }

    @Test
    void thirtySecondsWithoutSqsWhileBatchesRunLoseNothingAndApplyNothingTwice() throws Exception {
        FaultRelay.Queues queues = FaultRelay.Queues.create(INFRA, "faults-sqs");
        FaultImports.CustomerFile file = new FaultImports.CustomerFile("Q", ROWS, 0);
        int batches = file.batches(BATCH_SIZE);
        try (TcpGate gate = TcpGate.forward(INFRA.sqs().port());
             FaultRelay relay = new FaultRelay(jdbc, INFRA, queues);
             RunningWorker worker = RunningWorker.start(INFRA, queues, Map.of(
                     "bulkimport.sqs.endpoint", gate.httpEndpoint(),
                     "bulkimport.worker.visibility-timeout", "10s"))) {
            slowBatches(true); // once the worker has migrated the schema
            UUID jobId = imports.start(tenant, file, BATCH_SIZE);
            relay.follow(jobId);

            FaultImports.Progress atCut = imports.await(jobId, "applying", Duration.ofSeconds(120),
                    p -> p.batchesDone() >= 4 || FaultImports.ended(p));
            gate.close();
            long cutAt = System.nanoTime();
            assertThat(atCut.status()).as("cut while applying").isEqualTo("APPLYING");
            // the batches in flight at the cut commit during the outage; nothing else can start
            FaultImports.Progress settled = imports.await(jobId, "done with the batches in flight",
                    OUTAGE.minusSeconds(5), p -> p.batchesDone() > atCut.batchesDone());
            JsonHttp.Response readiness = worker.readiness();
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - cutAt) / 1_000_000));
            FaultImports.Progress beforeReopen = imports.progress(jobId);
            gate.open();

            assertThat(beforeReopen.batchesDone()).as("batches in flight at the cut, applied during the outage")
                    .isGreaterThan(atCut.batchesDone()).isLessThan(batches);
            assertThat(settled.status()).isEqualTo("APPLYING");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().path("components").path("sqs").path("status").asString()).isEqualTo("DOWN");

            FaultImports.Progress end = imports.await(jobId, "ended", Duration.ofSeconds(120), FaultImports::ended);
            assertThat(end.status()).isEqualTo("COMPLETED");
            // the messages of the batches applied during the outage come back and are dropped by the inbox
            queues.awaitDrained(INFRA, Duration.ofSeconds(60));
            imports.assertImportedExactlyOnce(jobId, tenant, file, BATCH_SIZE);
            assertThat(jdbc.sql("SELECT count(*) FROM dead_letters WHERE job_id = :id").param("id", jobId)
                    .query(Long.class).single()).isZero();
            assertThat(worker.readiness().status()).as("ready again, nobody restarted it").isEqualTo(200);
        } finally {
            slowBatches(false);
        }
    }
}
