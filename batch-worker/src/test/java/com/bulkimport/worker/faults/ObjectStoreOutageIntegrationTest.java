package com.bulkimport.worker.faults;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.TcpGate;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 goes away in the middle of an ingest that reads its file in many checkpointed chunks: a gate in
 * front of S3Proxy cuts the worker's streaming GET and refuses every request until it opens again. The
 * gate is throttled, so the file really is mid-stream when it is cut (unthrottled, the socket buffers
 * could hold the rest of it). Each job ends with every row exactly once, with nothing done by an operator
 * when S3 is back within the redelivery budget, and after one retry when it is not.
 */
class ObjectStoreOutageIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();
    /** 26,000 rows, about 1 MB: 35 chunks of 32 KB, eight seconds through the throttled gate. */
    static final int ROWS = 26_000;
    static final int BATCH_SIZE = 2_000;
    static final long BYTES_PER_SECOND = 128 * 1024;

    private final String tenant = "t-" + UUID.randomUUID();
    private final JdbcClient jdbc = FaultImports.freshConnections(INFRA.postgres().jdbcUrl(), INFRA.postgres().user(),
            INFRA.postgres().password());
    private final FaultImports imports = new FaultImports(jdbc, INFRA);
    private TcpGate gate;

    @BeforeEach
    void gate() {
        gate = TcpGate.forward(INFRA.s3().port()).throttle(BYTES_PER_SECOND);
    }

    @AfterEach
    void openGate() {
        gate.close();
    }

    private RunningWorker worker(FaultRelay.Queues queues, Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "bulkimport.s3.endpoint", gate.httpEndpoint(),
                "bulkimport.ingest.chunk-size", "32KB"));
        properties.putAll(more);
        return RunningWorker.start(INFRA, queues, properties);
    }

    /**
     * Cuts S3 once the ingest has checkpointed its first chunk, or once three quarters of the file went
     * through the gate, whichever comes first: before the whole file did (two seconds before, at the
     * throttled pace), however slow the machine.
     */
    private void cutMidIngest(UUID jobId, long fileBytes) throws InterruptedException {
        FaultImports.Progress before = imports.await(jobId, "ingesting", Duration.ofSeconds(120),
                p -> p.ingestRow() > 0 || gate.delivered() >= fileBytes * 3 / 4 || FaultImports.ended(p));
        gate.close();
        assertThat(before.status()).as("cut while ingesting").isEqualTo("INGESTING");
        assertThat(gate.delivered()).as("cut before the whole file went through").isLessThan(fileBytes);
    }

    @Test
    void anOutageShorterThanTheRedeliveriesIsRiddenOutWithNothingToDo() throws Exception {
        FaultRelay.Queues queues = FaultRelay.Queues.create(INFRA, "faults-s3-short");
        FaultImports.CustomerFile file = new FaultImports.CustomerFile("S", ROWS, 1_000);
        try (FaultRelay relay = new FaultRelay(jdbc, INFRA, queues);
             RunningWorker worker = worker(queues, Map.of())) {
            UUID jobId = imports.start(tenant, file, BATCH_SIZE);
            relay.follow(jobId);

            cutMidIngest(jobId, file.bytes().length);
            // the outage: 6 s, within what the redeliveries span (1, 4, 9 and 16 s apart, then the DLQ)
            Thread.sleep(6_000);
            JsonHttp.Response readiness = worker.readiness();
            FaultImports.Progress during = imports.progress(jobId);
            gate.throttle(0).open();

            assertThat(during.status()).as("the rest of the file was not buffered: the cut stopped the ingest")
                    .isEqualTo("INGESTING");
            assertThat(during.ingestRow()).isLessThan(ROWS);
            assertThat(imports.job(jobId).get("last_error")).asString().as("the failed read, recorded on the job")
                    .isNotBlank();
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().path("components").path("s3").path("status").asString()).isEqualTo("DOWN");

            FaultImports.Progress end = imports.await(jobId, "ended", Duration.ofSeconds(90), FaultImports::ended);
            assertThat(end.status()).isEqualTo("COMPLETED_WITH_ERRORS");
            imports.assertImportedExactlyOnce(jobId, tenant, file, BATCH_SIZE);
            queues.awaitDrained(INFRA, Duration.ofSeconds(30));
            assertThat(worker.readiness().status()).as("ready again, nobody restarted it").isEqualTo(200);
        }
    }

    @Test
    void anOutageLongerThanTheRedeliveriesFailsTheJobWithItsReasonAndARetryCompletesIt() throws Exception {
        FaultRelay.Queues queues = FaultRelay.Queues.create(INFRA, "faults-s3-long");
        FaultImports.CustomerFile file = new FaultImports.CustomerFile("L", ROWS, 1_000);
        // every delivery comes back at once: the five receives, the dead letter sending a moving ingest back
        // to work, five more, as in production, only without the minutes between them
        try (FaultRelay relay = new FaultRelay(jdbc, INFRA, queues);
             RunningWorker worker = worker(queues, Map.of("bulkimport.worker.retry-backoff", "0s"))) {
            UUID jobId = imports.start(tenant, file, BATCH_SIZE);
            relay.follow(jobId);

            cutMidIngest(jobId, file.bytes().length);
            FaultImports.Progress failed = imports.await(jobId, "failed", Duration.ofSeconds(120),
                    FaultImports::ended);
            Map<String, Object> job = imports.job(jobId);
            gate.throttle(0).open();

            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(job.get("failure_code")).isEqualTo("INGEST_FAILED");
            assertThat((String) job.get("failure_reason")).startsWith("the file could not be read into the import after")
                    .contains("Connection refused").endsWith("(retry the import once the cause is fixed)");

            worker.retry(jobId);

            FaultImports.Progress end = imports.await(jobId, "ended", Duration.ofSeconds(120), FaultImports::ended);
            assertThat(end.status()).isEqualTo("COMPLETED_WITH_ERRORS");
            imports.assertImportedExactlyOnce(jobId, tenant, file, BATCH_SIZE);
            assertThat(jdbc.sql("""
                            SELECT count(*) || ':' || count(i.event_id) FROM outbox_events o
                            LEFT JOIN inbox_messages i ON i.event_id = o.id
                            WHERE o.aggregateid = :id AND o.type = 'IMPORT_JOB_STARTED'""")
                    .param("id", jobId.toString()).query(String.class).single())
                    .as("ingest events: the start that gave up, the retry that finished").isEqualTo("2:1");
            assertThat(jdbc.sql("SELECT reason FROM dead_letters WHERE job_id = :id ORDER BY received_at DESC LIMIT 1")
                    .param("id", jobId).query(String.class).single()).as("the letter an operator sees")
                    .isEqualTo(job.get("failure_reason"));
            queues.awaitDrained(INFRA, Duration.ofSeconds(30));
        }
    }
}
