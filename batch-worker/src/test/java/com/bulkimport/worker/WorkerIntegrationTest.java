package com.bulkimport.worker;

import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.review.Correction;
import com.bulkimport.engine.review.Corrections;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.queue.WorkDispatcher;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import javax.sql.DataSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The worker against real PostgreSQL, S3Proxy and ElasticMQ. The consumer loop is off: tests hand
 * events to the dispatcher (or messages to the consumer) themselves, and play the relay by reading
 * the batch events the ingest wrote to the outbox.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=batch-worker",
        "bulkimport.worker.enabled=false", "server.port=0",
        // webhooks and mail run in DeliveryIntegrationTest's context only: a loop here would take its deliveries
        "bulkimport.webhooks.enabled=false", "bulkimport.mail.enabled=false"})
public abstract class WorkerIntegrationTest {

    protected static final LocalInfra INFRA = LocalInfra.shared();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected WorkDispatcher dispatcher;
    @Autowired
    protected S3Client s3;
    @Autowired
    protected JobLifecycle lifecycle;
    @Autowired
    protected JobStore jobStore;
    @Autowired
    private Corrections corrections;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcTemplate jdbcTemplate;
    @Autowired
    private org.springframework.transaction.support.TransactionTemplate transactions;

    /** A fresh tenant per test keeps domain rows apart. */
    protected final String tenant = "t-" + UUID.randomUUID();

    protected UUID pendingJob(byte[] file, String optionsJson, String mode) {
        return pendingJob("restaurants", file, optionsJson, mode);
    }

    protected UUID pendingJob(String kind, byte[] file, String optionsJson, String mode) {
        UUID id = UUID.randomUUID();
        String key = "imports/" + id + "/file.csv";
        s3.putObject(b -> b.bucket(LocalInfra.BUCKET).key(key), RequestBody.fromBytes(file));
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, file_size, object_key,
                                                 options, trace_id, started_at)
                        VALUES (:id, 'tester', :tenant, :kind, :mode, 'PENDING', 'file.csv', :size, :key,
                                :options::jsonb, 'trace', now())""")
                .param("id", id).param("tenant", tenant).param("kind", kind).param("mode", mode).param("size", file.length)
                .param("key", key).param("options", optionsJson)
                .update();
        return id;
    }

    protected UUID pendingJob(byte[] file) {
        return pendingJob(file, "{}", "COMMIT");
    }

    protected EventEnvelope startedEvent(UUID jobId) {
        return EventEnvelope.of(EventType.IMPORT_JOB_STARTED, "bulk-import.import-api", "trace", "PENDING",
                Map.of("job_id", jobId.toString(), "kind", "restaurants"));
    }

    protected List<EventEnvelope> outboxEvents(UUID jobId, EventType type) {
        return jdbc.sql("SELECT payload::text FROM outbox_events WHERE aggregateid = :id AND type = :type"
                        + " ORDER BY created_at")
                .param("id", jobId.toString()).param("type", type.name())
                .query(String.class).list().stream().map(EventCodec::decode).toList();
    }

    /** The payload of the job's one event of {@code type}, every number as a long (JSON keeps no width). */
    protected Map<String, Object> onlyEvent(UUID jobId, EventType type) {
        List<EventEnvelope> events = outboxEvents(jobId, type);
        org.assertj.core.api.Assertions.assertThat(events).as("%s events of job %s", type, jobId).hasSize(1);
        Map<String, Object> payload = new java.util.LinkedHashMap<>(events.get(0).payload());
        payload.replaceAll((key, value) -> value instanceof Number number ? number.longValue() : value);
        return payload;
    }

    /**
     * What an end-of-job event of a job made by {@link #pendingJob} must carry: who and what, then the
     * final counts. Extra fields (failure, items) are put in by the caller.
     *
     * @param total null for a job that never read its file
     */
    protected Map<String, Object> finalCounts(UUID jobId, String kind, Long total, long processed, long created,
                                              long updated, long unchanged, long duplicates, long errors) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("job_id", jobId.toString());
        payload.put("kind", kind);
        payload.put("tenant", tenant);
        payload.put("owner", "tester");
        if (total != null) {
            payload.put("total_rows", total);
        }
        payload.put("processed_rows", processed);
        payload.put("created", created);
        payload.put("updated", updated);
        payload.put("unchanged", unchanged);
        payload.put("duplicates", duplicates);
        payload.put("errors", errors);
        return payload;
    }

    /** Plays the owner's cancel (the API's step). @return the status the job is in now */
    protected JobStatus ownerCancels(UUID jobId) {
        return lifecycle.cancel(jobStore.find(jobId).orElseThrow().ref());
    }

    /**
     * Hands {@code started} to a worker that dies while staging row {@code rowNumber} of {@code kind}: the chunks
     * before that row's stay committed with their checkpoint, the worker's lease stands, the message is not done.
     */
    protected void deliverToAWorkerThatDiesAt(EventEnvelope started, String kind, long rowNumber) {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION test_crash() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.row_number = %d THEN RAISE EXCEPTION 'worker died here'; END IF;
                  RETURN NEW;
                END $$""".formatted(rowNumber)).update();
        jdbc.sql("CREATE TRIGGER test_crash BEFORE INSERT ON staging_" + kind + " FOR EACH ROW EXECUTE FUNCTION"
                + " test_crash()").update();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> dispatcher.dispatch(started))
                    .hasStackTraceContaining("worker died here");
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS test_crash ON staging_" + kind).update();
        }
    }

    /**
     * Plays the relay: hands every batch event of the job to the worker, and those the applied batches announced in
     * turn (a tenant's window announces its batches a few at a time), until no new one comes.
     */
    protected void applyAll(UUID jobId) {
        java.util.Set<UUID> handed = new java.util.HashSet<>();
        while (true) {
            List<EventEnvelope> next = outboxEvents(jobId, EventType.IMPORT_BATCH_READY).stream()
                    .filter(event -> handed.add(event.eventId())).toList();
            if (next.isEmpty()) {
                return;
            }
            next.forEach(dispatcher::dispatch);
        }
    }

    /** Plays the owner's corrections at review: the API's step, in one transaction as its CorrectionService runs. */
    protected Corrections.Applied correct(UUID jobId, Correction... operations) {
        return transactions.execute(status -> {
            try {
                PGConnection pg = DataSourceUtils.getConnection(dataSource).unwrap(PGConnection.class);
                return corrections.apply(jobStore.find(jobId).orElseThrow().ref(), "tester", List.of(operations), pg,
                        jdbcTemplate, 1_000);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A dry run of {@code file} read to its preview, corrected with {@code operations}, confirmed and applied. */
    protected UUID reviewedImport(String kind, byte[] file, String optionsJson, Correction... operations) {
        UUID jobId = pendingJob(kind, file, optionsJson, "DRY_RUN");
        dispatcher.dispatch(startedEvent(jobId));
        correct(jobId, operations);
        lifecycle.confirm(jobStore.find(jobId).orElseThrow().ref());
        applyAll(jobId);
        return jobId;
    }

    protected UUID importFile(byte[] file) {
        return importFile("restaurants", file, "{}");
    }

    /** Ingest and apply, as the relay and the queue would, within the test's thread. */
    protected UUID importFile(String kind, byte[] file, String optionsJson) {
        UUID jobId = pendingJob(kind, file, optionsJson, "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));
        applyAll(jobId);
        return jobId;
    }

    /**
     * A job's counters and how it ended, as the tests compare them.
     *
     * @param status the status, and after a colon the failure reason when the job has one
     */
    public record JobCounts(long created, long updated, long unchanged, long duplicates, long errors, Long total,
                               String status) {
    }

    protected JobCounts counts(UUID jobId) {
        Map<String, Object> job = job(jobId);
        return new JobCounts((Long) job.get("created_count"), (Long) job.get("updated_count"),
                (Long) job.get("unchanged_count"), (Long) job.get("duplicate_count"), (Long) job.get("error_count"),
                (Long) job.get("total_rows"), job.get("failure_reason") == null ? (String) job.get("status")
                : job.get("status") + ": " + job.get("failure_reason"));
    }

    protected List<List<Object>> rowErrors(UUID jobId) {
        return jdbc.sql("SELECT row_number, column_name, code, message FROM import_row_errors WHERE job_id = :id"
                        + " ORDER BY row_number, id")
                .param("id", jobId)
                .query((rs, n) -> java.util.Arrays.<Object>asList(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                .list();
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The job row, arrays as lists so that two reads compare equal. */
    protected Map<String, Object> job(UUID jobId) {
        Map<String, Object> row = new java.util.LinkedHashMap<>(
                jdbc.sql("SELECT * FROM import_jobs WHERE id = :id").param("id", jobId).query().singleRow());
        row.replaceAll((column, value) -> {
            try {
                return value instanceof java.sql.Array array ? List.of((Object[]) array.getArray()) : value;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return row;
    }

    protected long stagedRows(UUID jobId) {
        return stagedRows(jobId, "restaurants");
    }

    protected long stagedRows(UUID jobId, String kind) {
        return jdbc.sql("SELECT count(*) FROM staging_" + kind + " WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single();
    }
}
