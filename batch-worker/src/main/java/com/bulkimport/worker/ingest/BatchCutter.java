package com.bulkimport.worker.ingest;

import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.outbox.OutboxWriter;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import com.bulkimport.worker.staging.StagingTable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * After a file is staged: marks in-file duplicates (first occurrence wins), cuts the rows into
 * batches, writes each batch with its IMPORT_BATCH_READY outbox row, and moves the job on. Runs in
 * the ingest transaction.
 */
@Component
class BatchCutter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final JobStore jobs;
    private final OutboxWriter outbox;
    private final IngestProperties properties;
    private final String eventSource;

    BatchCutter(JdbcClient jdbc, JobStore jobs, OutboxWriter outbox, IngestProperties properties,
                @Value("${bulkimport.events.source}") String eventSource) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.outbox = outbox;
        this.properties = properties;
        this.eventSource = eventSource;
    }

    record Batch(UUID id, int seq, long firstRow, int rowCount) {
    }

    void cut(WorkerJob job, FileIngestor.Streamed streamed) {
        StagingTable table = StagingTable.of(job.kind());
        long duplicates = markDuplicates(job.id(), table);
        int batchSize = job.options().batchSize() != null ? job.options().batchSize() : properties.batchSize();
        List<Batch> batches = insertBatches(job.id(), table, streamed.rows(), batchSize);
        boolean dryRun = job.mode() == ImportMode.DRY_RUN;
        if (!dryRun) {
            for (Batch batch : batches) {
                outbox.appendForJob(job.id(), EventEnvelope.of(EventType.IMPORT_BATCH_READY, eventSource,
                        job.traceId(), "READY", batchPayload(job, batch)));
            }
        }
        Map<String, Object> params = new HashMap<>();
        params.put("total", streamed.rows());
        params.put("errors", streamed.invalidRows());
        params.put("duplicates", duplicates);
        params.put("batches", batches.size());
        params.put("encoding", streamed.encoding());
        params.put("delimiter", streamed.delimiter());
        params.put("warnings", JSON.writeValueAsString(streamed.warnings()));
        JobStatus next = dryRun ? JobStatus.PREVIEW_READY : JobStatus.APPLYING;
        boolean moved = jobs.move(job.id(), next, """
                total_rows = :total, error_count = :errors, duplicate_count = :duplicates, batch_count = :batches,
                ingest_row = :total, encoding = :encoding, delimiter = :delimiter, warnings = :warnings::jsonb,
                apply_started_at = now()""", params);
        if (!moved) {
            throw new JobLeftIngesting(job.id());
        }
    }

    /** @return rows that repeat an earlier row's match key */
    private long markDuplicates(UUID jobId, StagingTable table) {
        int marked = jdbc.sql("UPDATE " + table.name() + " s SET duplicate_of = f.first_row FROM ("
                        + " SELECT match_key, min(row_number) AS first_row FROM " + table.name()
                        + " WHERE job_id = :job GROUP BY match_key HAVING count(*) > 1) f"
                        + " WHERE s.job_id = :job AND s.match_key = f.match_key AND s.row_number <> f.first_row")
                .param("job", jobId).update();
        if (marked > 0) {
            jdbc.sql("INSERT INTO import_row_errors (job_id, row_number, column_name, code, message)"
                            + " SELECT job_id, row_number, NULL, 'DUPLICATE_IN_FILE',"
                            + " 'same record as row ' || duplicate_of || '; the first occurrence is imported'"
                            + " FROM " + table.name() + " WHERE job_id = :job AND duplicate_of IS NOT NULL")
                    .param("job", jobId).update();
        }
        return marked;
    }

    private List<Batch> insertBatches(UUID jobId, StagingTable table, long totalRows, int batchSize) {
        long count = (totalRows + batchSize - 1) / batchSize;
        return jdbc.sql("""
                        INSERT INTO import_batches (id, job_id, seq, first_row, row_count, error_count, duplicate_count)
                        SELECT gen_random_uuid(), :job, g, g * :size + 1, least(:size, :total - g * :size),
                               coalesce(e.n, 0), coalesce(d.n, 0)
                        FROM generate_series(0, :count - 1) AS g
                        LEFT JOIN (SELECT (row_number - 1) / :size AS seq, count(DISTINCT row_number) AS n
                                   FROM import_row_errors WHERE job_id = :job AND code <> 'DUPLICATE_IN_FILE'
                                   GROUP BY 1) e ON e.seq = g
                        LEFT JOIN (SELECT (row_number - 1) / :size AS seq, count(*) AS n
                                   FROM %s WHERE job_id = :job AND duplicate_of IS NOT NULL
                                   GROUP BY 1) d ON d.seq = g
                        RETURNING id, seq, first_row, row_count""".formatted(table.name()))
                .param("job", jobId).param("size", (long) batchSize).param("total", totalRows).param("count", count)
                .query((rs, n) -> new Batch(rs.getObject("id", UUID.class), rs.getInt("seq"), rs.getLong("first_row"),
                        rs.getInt("row_count")))
                .list();
    }

    private static Map<String, Object> batchPayload(WorkerJob job, Batch batch) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job_id", job.id().toString());
        payload.put("batch_id", batch.id().toString());
        payload.put("seq", batch.seq());
        payload.put("first_row", batch.firstRow());
        payload.put("row_count", batch.rowCount());
        payload.put("kind", job.kind().wireName());
        payload.put("tenant", job.tenant());
        return payload;
    }
}
