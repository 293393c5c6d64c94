package com.bulkimport.api.importjob;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.Priority;
import com.bulkimport.model.JobStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code import_jobs} for the API. Every read is scoped to what the caller may see. */
@Repository
class ImportJobRepository {

    /** Users see their own jobs (in their tenant); admins every job. */
    private static final String VISIBLE = " (:admin OR (owner = :owner AND tenant = :tenant)) ";

    private final JdbcClient jdbc;

    ImportJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A multipart upload's S3 upload id and planned part size; null for a single PUT. */
    record MultipartUpload(String uploadId, long partSize) {
    }

    void insert(UUID id, Caller caller, ImportKind kind, ImportMode mode, String fileName, long fileSize,
                String objectKey, String optionsJson, String traceId, Instant expiresAt, String idempotencyKey,
                String requestHash, MultipartUpload multipart, Priority priority) {
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, file_size, object_key,
                                                 options, trace_id, expires_at, idempotency_key, request_hash,
                                                 upload_id, upload_part_size, priority)
                        VALUES (:id, :owner, :tenant, :kind, :mode, :status, :fileName, :fileSize, :objectKey,
                                :options::jsonb, :traceId, :expiresAt, :key, :hash, :uploadId, :partSize, :priority)""")
                .param("uploadId", multipart == null ? null : multipart.uploadId())
                .param("partSize", multipart == null ? null : multipart.partSize())
                .param("priority", priority.wireName())
                .param("id", id).param("owner", caller.subject()).param("tenant", caller.tenant())
                .param("kind", kind.wireName()).param("mode", mode.name())
                .param("status", JobStatus.AWAITING_UPLOAD.name()).param("fileName", fileName)
                .param("fileSize", fileSize).param("objectKey", objectKey).param("options", optionsJson)
                .param("traceId", traceId).param("expiresAt", Timestamp.from(expiresAt))
                .param("key", idempotencyKey).param("hash", requestHash)
                .update();
    }

    /**
     * A job whose file is already in storage (a multipart upload through the API): it is created
     * awaiting its start, and the caller starts it in the same transaction.
     */
    void insertUploaded(UUID id, Caller caller, ImportKind kind, ImportMode mode, String fileName, long fileSize,
                        String sha256, String objectKey, String optionsJson, String label, String traceId) {
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, file_size, file_sha256,
                                                 object_key, options, label, trace_id)
                        VALUES (:id, :owner, :tenant, :kind, :mode, :status, :fileName, :fileSize, :sha256, :objectKey,
                                :options::jsonb, :label, :traceId)""")
                .param("id", id).param("owner", caller.subject()).param("tenant", caller.tenant())
                .param("kind", kind.wireName()).param("mode", mode.name())
                .param("status", JobStatus.AWAITING_UPLOAD.name()).param("fileName", fileName)
                .param("fileSize", fileSize).param("sha256", sha256).param("objectKey", objectKey)
                .param("options", optionsJson).param("label", label).param("traceId", traceId)
                .update();
    }

    /** An inline import starts out INGESTING: its rows are in the request (the job lifecycle's other way in). */
    void insertInline(UUID id, Caller caller, ImportKind kind, ImportMode mode, String fileName, String optionsJson,
                      String traceId, String idempotencyKey, String requestHash, Priority priority) {
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, options, trace_id,
                                                 started_at, idempotency_key, request_hash, priority)
                        VALUES (:id, :owner, :tenant, :kind, :mode, :status, :fileName, :options::jsonb, :traceId,
                                now(), :key, :hash, :priority)""")
                .param("priority", priority.wireName())
                .param("status", JobStatus.INGESTING.name()).param("id", id).param("owner", caller.subject()).param("tenant", caller.tenant())
                .param("kind", kind.wireName()).param("mode", mode.name()).param("fileName", fileName)
                .param("options", optionsJson).param("traceId", traceId)
                .param("key", idempotencyKey).param("hash", requestHash)
                .update();
    }

    /** The job this owner created earlier with this Idempotency-Key, if any. */
    Optional<Idempotency.Stored> findIdempotent(Caller caller, String key) {
        return jdbc.sql("SELECT id, request_hash FROM import_jobs WHERE owner = :owner AND idempotency_key = :key")
                .param("owner", caller.subject()).param("key", key)
                .query((rs, n) -> new Idempotency.Stored(rs.getObject("id", UUID.class), rs.getString("request_hash")))
                .optional();
    }

    Optional<ImportJob> find(UUID id, Caller caller) {
        return jdbc.sql("SELECT * FROM import_jobs WHERE id = :id AND" + VISIBLE)
                .param("id", id).param("owner", caller.subject()).param("admin", caller.admin())
                .param("tenant", caller.tenant())
                .query(ROW).optional();
    }

    /** Which of the visible jobs a list shows; a null field does not filter. */
    record JobFilter(List<JobStatus> statuses, ImportKind kind, String fileName, String merchant) {
        static final JobFilter ALL = new JobFilter(List.of(), null, null, null);

        /** The purchase jobs for one merchant (the one every line without its own merchant gets). */
        static JobFilter purchasesOf(String merchant) {
            return new JobFilter(List.of(), ImportKind.PURCHASES, null, merchant);
        }
    }

    private static final String FILTERED = VISIBLE
            + " AND (cardinality(CAST(:statuses AS text[])) = 0 OR status = ANY (CAST(:statuses AS text[])))"
            + " AND (CAST(:kind AS text) IS NULL OR kind = :kind)"
            + " AND (CAST(:fileName AS text) IS NULL OR strpos(lower(file_name), lower(:fileName)) > 0)"
            + " AND (CAST(:merchant AS text) IS NULL OR options -> 'defaults' ->> 'merchant' = :merchant) ";

    List<ImportJob> list(Caller caller, JobFilter filter, int page, int size) {
        return filtered("SELECT * FROM import_jobs WHERE" + FILTERED
                + "ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset", caller, filter)
                .param("limit", size).param("offset", (long) page * size)
                .query(ROW).list();
    }

    long count(Caller caller, JobFilter filter) {
        return filtered("SELECT count(*) FROM import_jobs WHERE" + FILTERED, caller, filter)
                .query(Long.class).single();
    }

    private JdbcClient.StatementSpec filtered(String sql, Caller caller, JobFilter filter) {
        return jdbc.sql(sql)
                .param("owner", caller.subject()).param("admin", caller.admin())
                .param("tenant", caller.tenant())
                .param("statuses", filter.statuses().stream().map(Enum::name).toArray(String[]::new))
                .param("kind", filter.kind() == null ? null : filter.kind().wireName())
                .param("fileName", filter.fileName())
                .param("merchant", filter.merchant());
    }

    /** @return false when the job is no longer awaiting its start (it raced with a start or an expiry) */
    boolean updateBeforeStart(UUID id, ImportMode mode, String optionsJson) {
        return jdbc.sql("""
                        UPDATE import_jobs SET mode = :mode, options = :options::jsonb, updated_at = now()
                        WHERE id = :id AND status = :awaiting""")
                .param("awaiting", JobStatus.AWAITING_UPLOAD.name()).param("id", id).param("mode", mode.name()).param("options", optionsJson)
                .update() == 1;
    }

    /**
     * Notes that S3 assembled the job's parts. @return false when the job no longer awaits its upload (a cancel
     * or the sweeper came first)
     */
    boolean uploadCompleted(UUID id) {
        return jdbc.sql("""
                        UPDATE import_jobs SET upload_completed_at = coalesce(upload_completed_at, now()), updated_at = now()
                        WHERE id = :id AND status = :awaiting""")
                .param("id", id).param("awaiting", JobStatus.AWAITING_UPLOAD.name())
                .update() == 1;
    }

    List<RowError> recentErrors(UUID jobId, int limit) {
        return jdbc.sql("""
                        SELECT row_number, line_number, column_name, code, message FROM import_row_errors
                        WHERE job_id = :job AND NOT skipped ORDER BY id DESC LIMIT :limit""")
                .param("job", jobId).param("limit", limit)
                .query((rs, n) -> new RowError(rs.getLong("row_number"), (Long) rs.getObject("line_number"),
                        rs.getString("column_name"), rs.getString("code"), rs.getString("message")))
                .list();
    }

    /**
     * The rows of the job's batches applied since {@code since} (its apply's last start) within the last
     * {@code window}, and the seconds that span covers: the apply's recent pace. A batch counts from its apply's
     * transaction start ({@code updated_at = now()} in {@code markDone}); those still in flight are not visible.
     */
    RecentApply recentApply(UUID jobId, Instant since, Duration window) {
        return jdbc.sql("""
                        WITH span AS (SELECT greatest(:since, now() - make_interval(secs => :window)) AS start)
                        SELECT coalesce(sum(b.row_count), 0) AS rows, count(b.id) AS batches,
                               extract(epoch FROM now() - (SELECT start FROM span))::float8 AS seconds
                        FROM import_batches b
                        WHERE b.job_id = :job AND b.status = 'DONE' AND b.updated_at > (SELECT start FROM span)""")
                .param("since", Timestamp.from(since)).param("window", window.toMillis() / 1000.0).param("job", jobId)
                .query((rs, n) -> new RecentApply(rs.getLong("rows"), rs.getInt("batches"), rs.getDouble("seconds")))
                .single();
    }

    /** What {@link #recentApply} found. */
    record RecentApply(long rows, int batches, double seconds) {
    }

    /**
     * Rows per second the apply phase of this kind's recent imports reached, over the last 20 that finished
     * within 30 days with at least 1,000 rows applied and the same {@code events} option (announcing every
     * record is the apply's largest cost); null without any. What the ETA of a file still being read expects
     * its apply to take: the deployment's own speed, whoever's imports they were (reverts, which read no file and
     * write differently, left out).
     */
    Double recentApplyRowsPerSecond(ImportKind kind, String events) {
        return jdbc.sql("""
                        SELECT sum(applied)::float8 / nullif(sum(seconds), 0) FROM (
                            SELECT processed_rows - apply_base_rows AS applied,
                                   extract(epoch FROM completed_at - apply_started_at) AS seconds
                            FROM import_jobs
                            WHERE kind = :kind AND status IN (:completed, :withErrors) AND mode = :commit
                              AND reverts_job_id IS NULL
                              AND apply_started_at IS NOT NULL AND completed_at > now() - interval '30 days'
                              AND processed_rows - apply_base_rows >= 1000
                              AND coalesce(options->>'events', :defaultEvents) = :events
                            ORDER BY completed_at DESC LIMIT 20) recent""")
                .params(recentImports(kind, events)).query(Double.class).optional().orElse(null);
    }

    /**
     * How much faster this kind's recent imports applied once their read was over, per row a second their read had
     * taken: (apply pace after the read - apply pace beside it) / read pace, for each of the last 20 that finished
     * within 30 days with the same {@code events} option and applied at least 1,000 rows, over at least a second,
     * both beside their read and after it; their average, each bounded to [0, 3]. Null without any. The read and
     * the apply share the processors, so the share the read took goes to the apply when it ends. An apply that
     * kept up with its read (less than a tenth of the rows left when it ended) says nothing of its own speed: its
     * pace was the read's, and its last batches' drain is not a pace; such jobs are left out.
     */
    Double recentReadWeight(ImportKind kind, String events) {
        return jdbc.sql("""
                        SELECT avg(least(3.0, greatest(0.0, (after_read - beside_read) / read))) FROM (
                            SELECT (processed_rows - read_end_processed_rows)::float8
                                       / extract(epoch FROM completed_at - read_ended_at)::float8 AS after_read,
                                   (read_end_processed_rows - apply_base_rows)::float8
                                       / extract(epoch FROM read_ended_at - apply_started_at)::float8 AS beside_read,
                                   total_rows::float8 / extract(epoch FROM read_ended_at - started_at)::float8 AS read
                            FROM import_jobs
                            WHERE kind = :kind AND status IN (:completed, :withErrors) AND mode = :commit
                              AND reverts_job_id IS NULL AND completed_at > now() - interval '30 days'
                              AND read_ended_at IS NOT NULL AND started_at IS NOT NULL
                              AND apply_started_at + interval '1 second' <= read_ended_at
                              AND read_ended_at + interval '1 second' <= completed_at
                              AND read_end_processed_rows - apply_base_rows >= 1000
                              AND processed_rows - read_end_processed_rows >= greatest(1000, total_rows / 10)
                              AND coalesce(options->>'events', :defaultEvents) = :events
                            ORDER BY completed_at DESC LIMIT 20) recent""")
                .params(recentImports(kind, events)).query(Double.class).optional().orElse(null);
    }

    /** The parameters of a look at the recent finished imports of a kind and {@code events} option. */
    private static Map<String, Object> recentImports(ImportKind kind, String events) {
        return Map.of("kind", kind.wireName(), "events", events, "defaultEvents", ApplyRates.DEFAULT_EVENTS,
                "completed", JobStatus.COMPLETED.name(), "withErrors", JobStatus.COMPLETED_WITH_ERRORS.name(),
                "commit", ImportMode.COMMIT.name());
    }

    /** One row-level problem as the API shows it. */
    record RowError(long rowNumber, Long lineNumber, String column, String code, String message) {
    }

    private static final RowMapper<ImportJob> ROW = ImportJobRepository::map;

    private static ImportJob map(ResultSet rs, int rowNum) throws SQLException {
        return new ImportJob(
                rs.getObject("id", UUID.class), rs.getString("owner"), rs.getString("tenant"),
                ImportKind.fromWireName(rs.getString("kind")).orElseThrow(),
                ImportMode.valueOf(rs.getString("mode")), JobStatus.valueOf(rs.getString("status")),
                rs.getString("file_name"), (Long) rs.getObject("file_size"), rs.getString("object_key"),
                rs.getString("options"), rs.getString("encoding"), rs.getString("delimiter"),
                rs.getString("warnings"), rs.getString("failure_code"), rs.getString("failure_reason"),
                (Long) rs.getObject("total_rows"), rs.getLong("processed_rows"), rs.getLong("created_count"),
                rs.getLong("updated_count"), rs.getLong("unchanged_count"), rs.getLong("duplicate_count"),
                rs.getLong("error_count"), rs.getInt("batch_count"), rs.getInt("batches_done"),
                rs.getLong("ingest_row"), rs.getLong("ingest_file_bytes"), rs.getString("trace_id"), rs.getString("preview"), rs.getLong("item_count"),
                rs.getBoolean("atomic"), rs.getString("label"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "apply_started_at"),
                rs.getLong("apply_base_rows"),
                instant(rs, "completed_at"), instant(rs, "updated_at"), rs.getString("upload_id"),
                (Long) rs.getObject("upload_part_size"), instant(rs, "upload_completed_at"),
                instant(rs, "expires_at"), rs.getBoolean("still_reading"), Priority.ofWire(rs.getString("priority")),
                rs.getObject("reverts_job_id", UUID.class), rs.getLong("deleted_count"),
                rs.getLong("skipped_count"), rs.getLong("images_total"), rs.getLong("images_done"),
                rs.getLong("images_failed"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
