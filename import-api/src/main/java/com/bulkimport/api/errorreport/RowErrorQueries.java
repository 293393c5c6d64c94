package com.bulkimport.api.errorreport;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Array;
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

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    RowErrorQueries(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // PostgreSQL streams with a cursor only inside a transaction and with a fetch size
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1_000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
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
        return jdbc.sql("""
                        SELECT row_number, line_number, column_name, code, message, raw_record::text AS raw
                        FROM import_row_errors WHERE job_id = :job AND (:code::text IS NULL OR code = :code)
                        ORDER BY row_number, id LIMIT :limit OFFSET :offset""")
                .param("job", jobId).param("code", code).param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> new RowErrorView(rs.getLong("row_number"), (Long) rs.getObject("line_number"),
                        rs.getString("column_name"), rs.getString("code"), rs.getString("message"),
                        rs.getString("raw") == null ? null : JSON.readTree(rs.getString("raw"))))
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

    /** Streams every error row of the job in row order, without holding them all. */
    void forEach(UUID jobId, Consumer<RowErrorView> action) {
        readOnly.executeWithoutResult(status -> streaming.query("""
                        SELECT row_number, line_number, column_name, code, message, raw_record::text AS raw
                        FROM import_row_errors WHERE job_id = ? ORDER BY row_number, id""",
                rs -> {
                    action.accept(new RowErrorView(rs.getLong("row_number"), (Long) rs.getObject("line_number"),
                            rs.getString("column_name"), rs.getString("code"), rs.getString("message"),
                            rs.getString("raw") == null ? null : JSON.readTree(rs.getString("raw"))));
                }, jobId));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? new ArrayList<>() : List.of((String[]) array.getArray());
    }
}
