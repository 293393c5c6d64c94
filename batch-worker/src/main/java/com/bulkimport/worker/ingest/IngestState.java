package com.bulkimport.worker.ingest;

import com.bulkimport.model.JobStatus;
import com.bulkimport.model.csv.ChunkedCsv;
import com.bulkimport.model.csv.CsvFormat;
import com.bulkimport.model.csv.Encodings;
import com.bulkimport.model.csv.RowSource;
import com.bulkimport.engine.job.JobTurn;
import com.bulkimport.engine.staging.StagingTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.Charset;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A job's ingest as the database knows it: the checkpoint after the last committed chunk, the file's
 * format and header as first read (so a resume reads the rest the same way), and the lease that
 * keeps a second worker out. Every chunk commit is fenced: it goes through only if this worker still
 * holds the lease and the checkpoint is where it left it.
 */
@Component
class IngestState {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    IngestState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where the ingest stands. {@code format} and {@code header} are null before the first chunk. */
    record Snapshot(JobStatus status, long rows, long offset, long line, long invalidRows, CsvFormat format,
                    List<String> header, boolean encodingForced, List<String> warnings, String fileFormat,
                    String sheet, boolean stillReading, long releasedRows) {

        /** Whether its file is being read: INGESTING, or APPLYING the batches released before the rest is read. */
        boolean reading() {
            return status == JobStatus.INGESTING || status == JobStatus.APPLYING && stillReading;
        }

        /** Whether the first read found a workbook (ingest_offset is then a sheet row, not a byte offset). */
        boolean workbook() {
            return "xlsx".equals(fileFormat);
        }

        boolean fresh() {
            return format == null;
        }

        ChunkedCsv.Checkpoint checkpoint() {
            return new ChunkedCsv.Checkpoint(offset, rows, line, format, header);
        }
    }

    /**
     * How far a read beside its apply is ahead of it: rows staged and not yet applied are those read and not yet
     * processed (refused rows are processed as they are read); and whether {@code worker} still holds the read.
     */
    ReadAhead.Position readAhead(UUID jobId, String worker) {
        return jdbc.sql("""
                        SELECT ingest_row, processed_rows, batches_done,
                               (status = :ingesting OR status = 'APPLYING' AND still_reading)
                                   AND ingest_worker IS NOT DISTINCT FROM :worker AS ours
                        FROM import_jobs WHERE id = :id""")
                .param("ingesting", JobStatus.INGESTING.name()).param("worker", worker).param("id", jobId)
                .query((rs, n) -> new ReadAhead.Position(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getBoolean(4))).single();
    }

    /** @return whether this worker now holds the ingest (no one else, or their lease ran out) */
    boolean claim(UUID jobId, String worker, Duration lease) {
        return jdbc.sql("""
                        UPDATE import_jobs SET ingest_worker = :worker,
                               ingest_lease_until = now() + make_interval(secs => :lease), updated_at = now()
                        WHERE id = :id AND (status = :ingesting OR status = 'APPLYING' AND still_reading)
                          AND (ingest_worker IS NULL OR ingest_worker = :worker OR ingest_lease_until < now())""")
                .param("ingesting", JobStatus.INGESTING.name()).param("worker", worker).param("lease", lease.toSeconds()).param("id", jobId)
                .update() == 1;
    }

    Snapshot read(UUID jobId, boolean lock) {
        return jdbc.sql("""
                        SELECT status, ingest_row, ingest_offset, ingest_line, error_count, encoding, delimiter,
                               file_gzip, file_bom, source_header, encoding_forced, warnings::text AS warnings,
                               file_format, sheet, still_reading, released_rows
                        FROM import_jobs WHERE id = :id""" + (lock ? " FOR UPDATE" : ""))
                .param("id", jobId)
                .query((rs, n) -> {
                    String encoding = rs.getString("encoding");
                    CsvFormat format = encoding == null || rs.getObject("file_gzip") == null ? null
                            : new CsvFormat(Encodings.forName(encoding), "stored", rs.getInt("file_bom"),
                            delimiter(rs.getString("delimiter")), "LF", rs.getBoolean("file_gzip"));
                    return new Snapshot(JobStatus.valueOf(rs.getString("status")), rs.getLong("ingest_row"), rs.getLong("ingest_offset"),
                            rs.getLong("ingest_line"), rs.getLong("error_count"), format, strings(rs.getArray("source_header")),
                            rs.getBoolean("encoding_forced"),
                            rs.getString("warnings") == null ? List.of()
                                    : JSON.readValue(rs.getString("warnings"), new TypeReference<List<String>>() { }),
                            rs.getString("file_format"), rs.getString("sheet"), rs.getBoolean("still_reading"),
                            rs.getLong("released_rows"));
                })
                .single();
    }

    /**
     * Takes the job's turn for a chunk about to be staged ({@link JobTurn}: an owner's pause or cancel asked
     * before goes first, one asked now waits for this chunk) and reads where the ingest stands, without the row
     * lock: batches applied meanwhile count themselves into the job row, and holding it while the chunk is
     * staged would keep them all waiting. {@link #fence} checks again under the lock before the chunk commits.
     */
    Snapshot turn(UUID jobId) {
        JobTurn.take(jdbc, jobId);
        return read(jobId, false);
    }

    /**
     * Locks the job row and checks this worker may still write the next chunk.
     *
     * @return the snapshot, or null when another worker took over or the checkpoint moved
     */
    Snapshot fence(UUID jobId, String worker, long expectedRows) {
        // in turn with an owner's pause or cancel waiting for the job row: it goes first, then this chunk sees it
        JobTurn.take(jdbc, jobId);
        Map<String, Object> owner = jdbc.sql("SELECT ingest_worker FROM import_jobs WHERE id = :id FOR UPDATE")
                .param("id", jobId).query().singleRow();
        Snapshot now = read(jobId, false);
        if (!worker.equals(owner.get("ingest_worker")) || now.rows() != expectedRows) {
            return null;
        }
        return now;
    }

    /**
     * The file's format, header and what they mean for the job, kept with the first chunk; and the job's rows per
     * batch in its options when it named none, so that whoever reads on or corrects it later batches as this read
     * did, whatever the default is by then.
     */
    void recordFirstRead(UUID jobId, RowSource source, List<String> warnings, List<String> mappedFields,
                         Map<String, String> columnMap, int batchSize) {
        CsvFormat format = source.format();
        List<String> header = source.header();
        Map<String, Object> params = new HashMap<>();
        params.put("id", jobId);
        params.put("encoding", format.encodingName());
        // a workbook has no delimiter: the job shows none rather than a made-up one
        params.put("delimiter", "xlsx".equals(source.fileFormat()) ? null : format.delimiterName());
        params.put("fileFormat", source.fileFormat());
        params.put("sheet", source.sheet());
        params.put("gzip", format.gzip());
        params.put("bom", format.bomLength());
        params.put("header", header.toArray(String[]::new));
        params.put("warnings", JSON.writeValueAsString(warnings));
        params.put("mapped", mappedFields.toArray(String[]::new));
        params.put("columns", JSON.writeValueAsString(columnMap));
        jdbc.sql("""
                        UPDATE import_jobs SET encoding = :encoding, delimiter = :delimiter, file_gzip = :gzip,
                               file_bom = :bom, source_header = :header, warnings = :warnings::jsonb,
                               mapped_fields = :mapped, column_map = :columns::jsonb,
                               file_format = :fileFormat, sheet = :sheet,
                               options = CASE WHEN options -> 'batch_size' IS NULL
                                              THEN options || jsonb_build_object('batch_size', :batchSize)
                                              ELSE options END
                        WHERE id = :id""")
                .params(params).param("batchSize", batchSize).update();
    }

    /** The job's warnings as they stand after a chunk (values rounded so far, added in). */
    void recordWarnings(UUID jobId, List<String> warnings) {
        jdbc.sql("UPDATE import_jobs SET warnings = :warnings::jsonb WHERE id = :id")
                .param("warnings", JSON.writeValueAsString(warnings)).param("id", jobId).update();
    }

    /**
     * The checkpoint after a chunk, and its refused rows counted (added: batches applied while the file is still
     * read count their own errors into the same column). A refused row is processed as soon as it is read.
     */
    void recordChunk(UUID jobId, long rows, long offset, long line, long fileBytes, long newInvalidRows,
                     String worker, Duration lease) {
        jdbc.sql("""
                        UPDATE import_jobs SET ingest_row = :rows, ingest_offset = :offset, ingest_line = :line,
                               ingest_file_bytes = :fileBytes, total_rows = :rows, error_count = error_count + :invalid,
                               processed_rows = processed_rows + :invalid,
                               ingest_lease_until = now() + make_interval(secs => :lease), updated_at = now()
                        WHERE id = :id AND ingest_worker = :worker""")
                .param("rows", rows).param("offset", offset).param("line", line).param("fileBytes", fileBytes)
                .param("invalid", newInvalidRows)
                .param("lease", lease.toSeconds()).param("id", jobId).param("worker", worker)
                .update();
    }

    /** A chunk's images, counted with its checkpoint (the same transaction), so a resumed ingest counts on exactly. */
    void recordImages(UUID jobId, long total, long done, long failed) {
        jdbc.sql("""
                        UPDATE import_jobs SET images_total = images_total + :total, images_done = images_done + :done,
                               images_failed = images_failed + :failed
                        WHERE id = :id""")
                .param("total", total).param("done", done).param("failed", failed).param("id", jobId).update();
    }

    /** Starts over from the first byte (the file turned out not to be UTF-8 after all). */
    void restart(UUID jobId, StagingTable table, Charset forced) {
        discardStaged(jobId, table);
        jdbc.sql("DELETE FROM import_row_errors WHERE job_id = :id").param("id", jobId).update();
        jdbc.sql("""
                        UPDATE import_jobs SET ingest_row = 0, ingest_offset = 0, ingest_line = 1, ingest_file_bytes = 0,
                               error_count = 0, processed_rows = 0, images_total = 0, images_done = 0, images_failed = 0,
                               total_rows = NULL, encoding = :encoding, encoding_forced = true, file_gzip = NULL
                        WHERE id = :id""")
                .param("encoding", forced.name()).param("id", jobId).update();
    }

    /**
     * Reads the rest of the file, from the checkpoint on, as {@code forced} (the file turned out not to be UTF-8
     * after batches of the rows before were applied: those rows were valid UTF-8 and stay as they are).
     */
    void forceEncodingFromCheckpoint(UUID jobId, Charset forced) {
        jdbc.sql("UPDATE import_jobs SET encoding = :encoding, encoding_forced = true WHERE id = :id")
                .param("encoding", forced.name()).param("id", jobId).update();
    }

    /**
     * Drops the staged rows and row errors and takes the checkpoint back to the file's start, the file's
     * format with it (the next read sniffs it again), so nothing counts rows that are no longer staged.
     */
    void forget(UUID jobId, StagingTable table) {
        discardStaged(jobId, table);
        jdbc.sql("DELETE FROM staging_keys WHERE job_id = :id").param("id", jobId).update();
        jdbc.sql("DELETE FROM import_row_errors WHERE job_id = :id").param("id", jobId).update();
        jdbc.sql("""
                        UPDATE import_jobs SET ingest_row = 0, ingest_offset = 0, ingest_line = 1, ingest_file_bytes = 0,
                               error_count = 0, processed_rows = 0, total_rows = NULL, file_gzip = NULL,
                               images_total = 0, images_done = 0, images_failed = 0
                        WHERE id = :id""")
                .param("id", jobId).update();
    }

    void discardStaged(UUID jobId, StagingTable table) {
        jdbc.sql("DELETE FROM " + table.name() + " WHERE job_id = :id").param("id", jobId).update();
    }

    void release(UUID jobId, String worker) {
        jdbc.sql("UPDATE import_jobs SET ingest_worker = NULL, ingest_lease_until = NULL WHERE id = :id"
                + " AND ingest_worker = :worker").param("id", jobId).param("worker", worker).update();
    }

    private static char delimiter(String name) {
        return "TAB".equals(name) ? '\t' : name == null || name.isEmpty() ? ',' : name.charAt(0);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : List.of((String[]) array.getArray());
    }
}
