package com.bulkimport.engine.staging;

import com.bulkimport.model.spec.FieldProblem;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Collects row errors during ingest and writes them in batches. A connection runs one COPY at a
 * time, so the ingestor pauses its staging COPY while this flushes.
 */
public final class RowErrorBuffer {

    static final int FLUSH_AT = 2_000;
    private static final int MAX_FIELD_CHARS = 1_000;
    private static final int MAX_FIELDS = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Pending(long row, long line, String column, String code, String message, String raw,
                           String subject) {
    }

    private final JdbcTemplate jdbc;
    private final UUID jobId;
    private final List<Pending> pending = new ArrayList<>(FLUSH_AT);

    public RowErrorBuffer(JdbcTemplate jdbc, UUID jobId) {
        this.jdbc = jdbc;
        this.jobId = jobId;
    }

    public void add(long row, long line, List<FieldProblem> problems, List<String> rawFields) {
        String raw = rawJson(rawFields);
        for (FieldProblem problem : problems) {
            pending.add(new Pending(row, line, problem.column(), problem.code(), problem.message(), raw, null));
        }
    }

    /** Warnings about a row that is staged all the same, each with what it is about ({@link RowWarning}). */
    public void addWarnings(long row, long line, List<RowWarning> warnings, List<String> rawFields) {
        String raw = rawJson(rawFields);
        for (RowWarning warning : warnings) {
            FieldProblem problem = warning.problem();
            pending.add(new Pending(row, line, problem.column(), problem.code(), problem.message(), raw,
                    warning.subject()));
        }
    }

    public boolean full() {
        return pending.size() >= FLUSH_AT;
    }

    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                        INSERT INTO import_row_errors (job_id, row_number, line_number, column_name, code, message, raw_record,
                                                       subject)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)""",
                pending, pending.size(), (ps, e) -> {
                    ps.setObject(1, jobId);
                    ps.setLong(2, e.row());
                    ps.setLong(3, e.line());
                    ps.setString(4, e.column());
                    ps.setString(5, e.code());
                    ps.setString(6, e.message());
                    ps.setString(7, e.raw());
                    ps.setString(8, e.subject());
                });
        pending.clear();
    }

    /** The original fields, each cut to 1,000 characters, so the error report can show the row. */
    private static String rawJson(List<String> fields) {
        List<String> kept = new ArrayList<>(Math.min(fields.size(), MAX_FIELDS));
        for (int i = 0; i < fields.size() && i < MAX_FIELDS; i++) {
            String field = fields.get(i).replace("\0", "");
            kept.add(field.length() > MAX_FIELD_CHARS ? field.substring(0, MAX_FIELD_CHARS) : field);
        }
        return JSON.writeValueAsString(kept);
    }
}
