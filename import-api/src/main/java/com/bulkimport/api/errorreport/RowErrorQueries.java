package com.bulkimport.api.errorreport;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** Reads {@code import_row_errors}; the caller has already checked that the job is theirs. */
@Component
class RowErrorQueries {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String COLUMNS = "row_number, line_number, column_name, code, message, raw_record::text AS raw";

    private final JdbcClient jdbc;
    private final int pageSize;

    RowErrorQueries(JdbcClient jdbc, ErrorReportProperties properties) {
        this.jdbc = jdbc;
        this.pageSize = properties.pageSize();
    }

    /** One problem of one row; {@code values} is what the row held (original fields or staged values). */
    record RowErrorView(long rowNumber, Long lineNumber, String column, String code, String message, JsonNode values) {
    }

    /** The source's columns and which field each fed, to lay raw rows out in the original order. */
    record Layout(List<String> header, Map<String, String> columnMap) {
    }

    long count(UUID jobId, String code) {
        return jdbc.sql("SELECT count(*) FROM import_row_errors WHERE job_id = :job AND (:code::text IS NULL OR code = :code)")
                .param("job", jobId).param("code", code).query(Long.class).single();
    }

    List<RowErrorView> page(UUID jobId, String code, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM import_row_errors WHERE job_id = :job AND (:code::text IS NULL OR code = :code)
                        ORDER BY row_number, id LIMIT :limit OFFSET :offset""")
                .param("job", jobId).param("code", code).param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> view(rs))
                .list();
    }

    Layout layout(UUID jobId) {
        return jdbc.sql("SELECT source_header, column_map::text AS column_map FROM import_jobs WHERE id = :id")
                .param("id", jobId)
                .query((rs, n) -> new Layout(strings(rs.getArray("source_header")),
                        rs.getString("column_map") == null ? Map.of()
                                : JSON.readValue(rs.getString("column_map"), new TypeReference<LinkedHashMap<String, String>>() { })))
                .single();
    }

    /**
     * Hands every error row of the job to {@code action} in row order, a page at a time by keyset (row number,
     * id). Each page is its own short query outside any transaction: the connection goes back to the pool before
     * the page is written, so a slow client holds none.
     */
    void forEach(UUID jobId, Consumer<RowErrorView> action) {
        long afterRow = Long.MIN_VALUE;
        long afterId = Long.MIN_VALUE;
        while (true) {
            List<Keyed> page = jdbc.sql("SELECT id, " + COLUMNS + """
                             FROM import_row_errors WHERE job_id = :job AND (row_number, id) > (:row, :id)
                            ORDER BY row_number, id LIMIT :limit""")
                    .param("job", jobId).param("row", afterRow).param("id", afterId).param("limit", pageSize)
                    .query((rs, n) -> new Keyed(rs.getLong("id"), view(rs)))
                    .list();
            page.forEach(row -> action.accept(row.view()));
            if (page.size() < pageSize) {
                return;
            }
            Keyed last = page.get(page.size() - 1);
            afterRow = last.view().rowNumber();
            afterId = last.id();
        }
    }

    private record Keyed(long id, RowErrorView view) {
    }

    private static RowErrorView view(ResultSet rs) throws SQLException {
        return new RowErrorView(rs.getLong("row_number"), (Long) rs.getObject("line_number"),
                rs.getString("column_name"), rs.getString("code"), rs.getString("message"),
                rs.getString("raw") == null ? null : JSON.readTree(rs.getString("raw")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? new ArrayList<>() : List.of((String[]) array.getArray());
    }
}
