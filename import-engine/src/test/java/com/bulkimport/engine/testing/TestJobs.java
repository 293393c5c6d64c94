package com.bulkimport.engine.testing;

import com.bulkimport.engine.batch.Batch;
import com.bulkimport.engine.job.JobRef;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Jobs written straight into {@code import_jobs} in any status, and what the engine made of them. */
public final class TestJobs {

    private final JdbcClient jdbc;
    /** A tenant of this test's own, so its domain rows never meet another test's. */
    public final String tenant = "t-" + UUID.randomUUID();

    public TestJobs(EngineDatabase db) {
        this.jdbc = db.jdbc;
    }

    public JobRef insert(ImportKind kind, ImportMode mode, JobStatus status) {
        return insert(kind, mode, status, "{}");
    }

    public JobRef insert(ImportKind kind, ImportMode mode, JobStatus status, String optionsJson) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, object_key, options,
                                                 trace_id)
                        VALUES (:id, 'owner-1', :tenant, :kind, :mode, :status, 'file.csv', :key, :options::jsonb,
                                'trace-1')""")
                .param("id", id).param("tenant", tenant).param("kind", kind.wireName()).param("mode", mode.name())
                .param("status", status.name()).param("key", "imports/" + id + "/file.csv")
                .param("options", optionsJson).update();
        return new JobRef(id, "owner-1", tenant, kind, mode, "trace-1", ImportOptions.fromJson(optionsJson));
    }

    /** A batch row of the job (no staged rows behind it). */
    public Batch batch(JobRef job, int seq, int rows, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO import_batches (id, job_id, seq, first_row, row_count, status)"
                        + " VALUES (:id, :job, :seq, :first, :rows, :status)")
                .param("id", id).param("job", job.id()).param("seq", seq).param("first", seq * 1000L + 1)
                .param("rows", rows).param("status", status).update();
        jdbc.sql("UPDATE import_jobs SET batch_count = batch_count + 1 WHERE id = :id").param("id", job.id()).update();
        return new Batch(id, seq, rows);
    }

    public void set(JobRef job, String assignments) {
        jdbc.sql("UPDATE import_jobs SET " + assignments + " WHERE id = :id").param("id", job.id()).update();
    }

    public JobStatus status(JobRef job) {
        return JobStatus.valueOf(column(job, "status").toString());
    }

    public Object column(JobRef job, String column) {
        return jdbc.sql("SELECT " + column + " FROM import_jobs WHERE id = :id").param("id", job.id())
                .query((rs, n) -> rs.getObject(1)).list().get(0);
    }

    public String batchStatus(Batch batch) {
        return jdbc.sql("SELECT status FROM import_batches WHERE id = :id").param("id", batch.id())
                .query(String.class).single();
    }

    /** The job's outbox events in the order they were written (seq: created_at can tie within a microsecond). */
    public List<EventEnvelope> events(JobRef job) {
        return jdbc.sql("SELECT payload::text FROM outbox_events WHERE aggregatetype = 'import_job'"
                        + " AND aggregateid = :id ORDER BY seq")
                .param("id", job.id().toString()).query(String.class).list().stream().map(EventCodec::decode).toList();
    }

    public List<String> eventTypes(JobRef job) {
        return events(job).stream().map(EventEnvelope::eventType).toList();
    }

    /** The payload of the job's only event, numbers as longs (JSON keeps no width). */
    public Map<String, Object> onlyPayload(JobRef job) {
        List<EventEnvelope> events = events(job);
        if (events.size() != 1) {
            throw new AssertionError("expected one event of job " + job.id() + ", found " + eventTypesOf(events));
        }
        Map<String, Object> payload = new java.util.LinkedHashMap<>(events.get(0).payload());
        payload.replaceAll((key, value) -> value instanceof Number number ? number.longValue() : value);
        return payload;
    }

    private static List<String> eventTypesOf(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::eventType).toList();
    }
}
