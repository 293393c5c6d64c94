package com.bulkimport.worker.job;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.Priority;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The worker's reads of {@code import_jobs} and an ingest's last error (status changes go through the engine's {@code JobLifecycle}). */
@Component
public class JobStore {

    private final JdbcClient jdbc;

    JobStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<WorkerJob> find(UUID id) {
        return jdbc.sql("""
                        SELECT id, owner, tenant, kind, mode, status, object_key, file_size, options::text AS options, trace_id,
                               batch_count, mapped_fields, priority, still_reading, reverts_job_id
                        FROM import_jobs WHERE id = :id""")
                .param("id", id)
                .query((rs, n) -> new WorkerJob(rs.getObject("id", UUID.class), rs.getString("owner"),
                        rs.getString("tenant"), ImportKind.fromWireName(rs.getString("kind")).orElseThrow(),
                        ImportMode.valueOf(rs.getString("mode")), JobStatus.valueOf(rs.getString("status")),
                        rs.getString("object_key"), (Long) rs.getObject("file_size"),
                        ImportOptions.fromJson(rs.getString("options")),
                        rs.getString("trace_id"), rs.getInt("batch_count"), mappedFields(rs.getArray("mapped_fields")),
                        Priority.ofWire(rs.getString("priority")), rs.getBoolean("still_reading"),
                        rs.getObject("reverts_job_id", UUID.class)))
                .optional();
    }

    private static List<String> mappedFields(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** Why the latest ingest attempt failed, kept for the reason a dead-lettered job fails with. */
    public void recordError(UUID id, String error) {
        jdbc.sql("UPDATE import_jobs SET last_error = :error, updated_at = now() WHERE id = :id")
                .param("error", error == null ? "unknown" : error.length() > 2000 ? error.substring(0, 2000) : error)
                .param("id", id).update();
    }

}
