package com.bulkimport.worker.faults;

import com.bulkimport.local.embedded.LocalCredentials;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer imports for the fault tests: the file, the job as import-api leaves it after a start
 * (PENDING, its IMPORT_JOB_STARTED in the outbox), and what exactly once must look like afterwards,
 * computed from the file, never from what the worker did.
 */
final class FaultImports {

    /** Every statement on a new connection: the test's own reads must not depend on surviving an outage. */
    static JdbcClient freshConnections(String url, String user, String password) {
        return JdbcClient.create(new DriverManagerDataSource(url, user, password));
    }

    /**
     * {@code rows} customers {@code <prefix>-1…}; when {@code errorEvery} > 0 every such row has an
     * e-mail address the validator refuses (a row error, never a customer).
     */
    record CustomerFile(String prefix, int rows, int errorEvery) {

        private boolean refused(int i) {
            return errorEvery > 0 && i % errorEvery == 0;
        }

        private String email(int i) {
            return refused(i) ? "not-an-email" : "c" + i + "@example.com";
        }

        byte[] bytes() {
            StringBuilder csv = new StringBuilder("customer_ref,name,email,country\n");
            for (int i = 1; i <= rows; i++) {
                csv.append(prefix).append('-').append(i).append(",\"Customer ").append(i).append(", ").append(prefix)
                        .append("\",").append(email(i)).append(",PT\n");
            }
            return csv.toString().getBytes(StandardCharsets.UTF_8);
        }

        long errors() {
            return errorEvery > 0 ? rows / errorEvery : 0;
        }

        long valid() {
            return rows - errors();
        }

        int batches(int batchSize) {
            return (int) ((rows + batchSize - 1) / batchSize);
        }

        /** md5 of the customers it must leave, one "ref|name|email" line each, in byte order. */
        String digest() {
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= rows; i++) {
                if (!refused(i)) {
                    lines.add(prefix + "-" + i + "|Customer " + i + ", " + prefix + "|" + email(i));
                }
            }
            lines.sort(null);
            try {
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                md5.update(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
                return String.format("%032x", new BigInteger(1, md5.digest()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final JdbcClient jdbc;
    private final LocalInfra infra;

    FaultImports(JdbcClient jdbc, LocalInfra infra) {
        this.jdbc = jdbc;
        this.infra = infra;
    }

    /** The file uploaded, the job PENDING with its IMPORT_JOB_STARTED written to the outbox, as a start leaves them. */
    UUID start(String tenant, CustomerFile file, int batchSize) {
        UUID id = UUID.randomUUID();
        String key = "imports/" + id + "/customers.csv";
        byte[] bytes = file.bytes();
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(infra.s3().endpoint()))
                .region(Region.of(LocalCredentials.REGION)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)))
                .build()) {
            s3.putObject(b -> b.bucket(LocalInfra.BUCKET).key(key), RequestBody.fromBytes(bytes));
        }
        EventEnvelope started = EventEnvelope.of(EventType.IMPORT_JOB_STARTED, "bulk-import.import-api", "trace",
                "PENDING", Map.of("job_id", id.toString(), "kind", "customers", "object_key", key));
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, file_size, object_key,
                                                 options, trace_id, started_at)
                        VALUES (:id, 'tester', :tenant, 'customers', 'COMMIT', 'PENDING', 'customers.csv', :size, :key,
                                :options::jsonb, 'trace', now())""")
                .param("id", id).param("tenant", tenant).param("size", bytes.length).param("key", key)
                .param("options", "{\"batch_size\": " + batchSize + "}").update();
        jdbc.sql("INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload)"
                        + " VALUES (:id, 'import_job', :job, 'IMPORT_JOB_STARTED', :payload::jsonb)")
                .param("id", started.eventId()).param("job", id.toString())
                .param("payload", EventCodec.encode(started)).update();
        return id;
    }

    /** Where a job stands: status, rows checkpointed by its ingest, batches applied. */
    record Progress(String status, long ingestRow, long batchesDone) {
    }

    Progress progress(UUID jobId) {
        return jdbc.sql("SELECT status, ingest_row, batches_done FROM import_jobs WHERE id = :id").param("id", jobId)
                .query((rs, n) -> new Progress(rs.getString(1), rs.getLong(2), rs.getLong(3))).single();
    }

    /** Polls (through outages: a failed read is a "not yet") until the job's progress satisfies {@code until}. */
    Progress await(UUID jobId, String what, Duration within, Predicate<Progress> until) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Progress last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = progress(jobId);
                if (until.test(last)) {
                    return last;
                }
            } catch (RuntimeException databaseAway) {
                // the database may be the outage
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + jobId + " not " + what + " within " + within + "; last seen " + last);
    }

    static boolean ended(Progress progress) {
        return Set.of("COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELLED").contains(progress.status());
    }

    Map<String, Object> job(UUID jobId) {
        return jdbc.sql("SELECT * FROM import_jobs WHERE id = :id").param("id", jobId).query().singleRow();
    }

    private long count(String sql, UUID jobId) {
        return jdbc.sql(sql).param("id", jobId).query(Long.class).single();
    }

    /**
     * Every row of the file exactly once: the customers (each once, with the file's values), the row
     * errors, the job's counters and its one completion event; every batch DONE, applied by exactly one
     * handled delivery (one inbox row per batch event, no event sent again); nothing left staged.
     */
    void assertImportedExactlyOnce(UUID jobId, String tenant, CustomerFile file, int batchSize) {
        int batches = file.batches(batchSize);
        String status = file.errors() > 0 ? "COMPLETED_WITH_ERRORS" : "COMPLETED";
        Map<String, Object> job = job(jobId);
        assertThat(List.of(job.get("status"), job.get("total_rows"), job.get("processed_rows"), job.get("created_count"),
                job.get("updated_count"), job.get("unchanged_count"), job.get("duplicate_count"), job.get("error_count"),
                job.get("batch_count"), job.get("batches_done")))
                .as("status, total, processed, created, updated, unchanged, duplicates, errors, batches, done")
                .containsExactly(status, (long) file.rows(), (long) file.rows(), file.valid(), 0L, 0L, 0L, file.errors(),
                        batches, batches);
        assertThat(jdbc.sql("SELECT count(*), count(DISTINCT customer_ref) FROM customers WHERE tenant = :t")
                .param("t", tenant).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single())
                .as("customers, distinct customer refs").containsExactly(file.valid(), file.valid());
        assertThat(jdbc.sql("SELECT md5(string_agg(customer_ref || '|' || name || '|' || email, E'\\n'"
                        + " ORDER BY customer_ref || '|' || name || '|' || email COLLATE \"C\")) FROM customers"
                        + " WHERE tenant = :t AND created_by_job = :job")
                .param("t", tenant).param("job", jobId).query(String.class).single())
                .as("every customer as the file has it").isEqualTo(file.digest());
        assertThat(jdbc.sql("SELECT status || ':' || count(*) || ':' || sum(created_count) FROM import_batches"
                        + " WHERE job_id = :id GROUP BY status").param("id", jobId).query(String.class).list())
                .as("batches by status: count, customers created").containsExactly("DONE:" + batches + ":" + file.valid());
        assertThat(count("SELECT count(*) FROM import_row_errors WHERE job_id = :id", jobId)).isEqualTo(file.errors());
        assertThat(count("SELECT count(DISTINCT row_number) FROM import_row_errors WHERE job_id = :id", jobId))
                .isEqualTo(file.errors());
        assertThat(count("SELECT count(*) FROM staging_customers WHERE job_id = :id", jobId)).isZero();
        assertThat(count("SELECT count(*) FROM outbox_events WHERE aggregateid = :id::text"
                + " AND type = 'IMPORT_BATCH_READY'", jobId)).as("batch events, none sent again").isEqualTo(batches);
        assertThat(count("""
                        SELECT count(*) FROM outbox_events o JOIN inbox_messages i ON i.event_id = o.id
                        WHERE o.aggregateid = :id::text AND o.type = 'IMPORT_BATCH_READY'""", jobId))
                .as("batch events handled (inbox rows)").isEqualTo(batches);
        assertThat(jdbc.sql("SELECT payload -> 'payload' ->> 'created' || '/' || (payload -> 'payload' ->> 'errors')"
                        + " || '/' || (payload -> 'payload' ->> 'total_rows') FROM outbox_events"
                        + " WHERE aggregateid = :id::text AND type = 'IMPORT_JOB_COMPLETED'")
                .param("id", jobId).query(String.class).list())
                .as("one completion event: created/errors/total")
                .containsExactly(file.valid() + "/" + file.errors() + "/" + file.rows());
    }
}
