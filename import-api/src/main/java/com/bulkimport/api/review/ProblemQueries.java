package com.bulkimport.api.review;

import com.bulkimport.api.importjob.ImportJob;
import com.bulkimport.engine.review.UnknownReferences;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A job's row problems as the review shows them ({@code import_row_errors} but the rows skipped at review, and while
 * the preview is ready the staged rows that name a record that does not exist: {@link UnknownReferences}), each
 * with the value of its cell, and their counts by code and by column. The caller has checked the job is theirs.
 */
@Component
class ProblemQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FILTER = "NOT skipped"
            + " AND (:code::text IS NULL OR code = :code) AND (:column::text IS NULL OR column_name = :column)";
    private static final String ROW_ERRORS = "SELECT row_number, line_number, column_name, code, message, raw_record,"
            + " skipped, id FROM import_row_errors WHERE job_id = :job";

    private final JdbcClient jdbc;

    ProblemQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One problem: {@code column} is the field it is about (null for the whole row: its width, a duplicate),
     * {@code source_column} the file's column that feeds it and {@code value} what that cell holds.
     */
    record Problem(long rowNumber, Long lineNumber, String column, String sourceColumn, String code, String message,
                   String value) {
    }

    record CodeCount(String code, long count) {
    }

    /** {@code column} null: problems of the whole row. */
    record ColumnCount(String column, long count) {
    }

    /**
     * @param rows     rows with at least one problem (not skipped)
     * @param problems problems of those rows
     * @param skipped  rows left out at review
     * @param byCode   problems per code, most first
     * @param byColumn problems per field (null: the whole row), most first
     */
    record Counts(long rows, long problems, long skipped, List<CodeCount> byCode, List<ColumnCount> byColumn) {
    }

    /**
     * The problems as one relation {@code e}: the row errors and, while the preview is ready, the rows the preview
     * finds naming a record that does not exist (looked up again at each read, as the preview and the appliers do:
     * a record imported since is found).
     */
    private static String problems(ImportJob job) {
        if (job.status() != JobStatus.PREVIEW_READY || !UnknownReferences.apply(job.kind())) {
            return "(" + ROW_ERRORS + ") e";
        }
        return "(" + ROW_ERRORS + " UNION ALL SELECT u.*, false, NULL FROM (SELECT row_number, CAST(NULL AS bigint),"
                + " column_name, code, message, raw_record FROM (" + UnknownReferences.rows(job.kind())
                + ") AS r (row_number, column_name, code, message, raw_record)) u) e";
    }

    long count(ImportJob job, String code, String column) {
        return jdbc.sql("SELECT count(*) FROM " + problems(job) + " WHERE " + FILTER)
                .param("job", job.id()).param("tenant", job.tenant()).param("code", code).param("column", column)
                .query(Long.class).single();
    }

    List<Problem> page(ImportJob job, String code, String column, int page, int size) {
        List<String> header = header(job);
        KindSpec spec = KindSpecs.get(job.kind());
        ColumnMapping mapping = ColumnMapping.resolve(spec, header, ImportOptions.fromJson(job.optionsJson())
                .columnMapping());
        return jdbc.sql("SELECT row_number, line_number, column_name, code, message, raw_record::text"
                        + " FROM " + problems(job) + " WHERE " + FILTER
                        + " ORDER BY row_number, id LIMIT :limit OFFSET :offset")
                .param("job", job.id()).param("tenant", job.tenant()).param("code", code).param("column", column)
                .param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> {
                    String field = rs.getString(3);
                    int index = field == null || spec.indexOf(field) < 0 ? -1 : mapping.columnOfField()[spec.indexOf(field)];
                    String value = null;
                    if (index >= 0 && rs.getString(6) != null) {
                        JsonNode raw = JSON.readTree(rs.getString(6));
                        // a refused row keeps the file's fields (an array); a staged row its values by field
                        value = raw.isArray() ? index < raw.size() ? raw.get(index).asString() : null
                                : raw.path(field).isValueNode() ? raw.path(field).asString() : null;
                    }
                    return new Problem(rs.getLong(1), (Long) rs.getObject(2), field,
                            index >= 0 && index < header.size() ? header.get(index) : null, rs.getString(4),
                            rs.getString(5), value);
                })
                .list();
    }

    Counts counts(ImportJob job) {
        Map<String, Object> totals = jdbc.sql("SELECT count(DISTINCT row_number) FILTER (WHERE NOT skipped) AS rows,"
                        + " count(*) FILTER (WHERE NOT skipped) AS problems,"
                        + " count(DISTINCT row_number) FILTER (WHERE skipped) AS skipped"
                        + " FROM " + problems(job))
                .param("job", job.id()).param("tenant", job.tenant()).query().singleRow();
        return new Counts(((Number) totals.get("rows")).longValue(), ((Number) totals.get("problems")).longValue(),
                ((Number) totals.get("skipped")).longValue(),
                by(job, "code").stream().map(c -> new CodeCount(c.key(), c.count())).toList(),
                by(job, "column_name").stream().map(c -> new ColumnCount(c.key(), c.count())).toList());
    }

    private record Count(String key, long count) {
    }

    private List<Count> by(ImportJob job, String column) {
        return jdbc.sql("SELECT " + column + ", count(*) FROM " + problems(job) + " WHERE NOT skipped"
                        + " GROUP BY 1 ORDER BY 2 DESC, 1 NULLS FIRST")
                .param("job", job.id()).param("tenant", job.tenant())
                .query((rs, n) -> new Count(rs.getString(1), rs.getLong(2))).list();
    }

    /** The file's own column names, in its order. */
    List<String> header(ImportJob job) {
        return jdbc.sql("SELECT source_header FROM import_jobs WHERE id = :id").param("id", job.id())
                .query((rs, n) -> strings(rs.getArray(1))).single();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
