package com.bulkimport.engine.review;

import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.match.RowKeys;
import com.bulkimport.engine.staging.RowErrorBuffer;
import com.bulkimport.engine.staging.StagingLoad;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.model.csv.CsvInput;
import com.bulkimport.model.spec.ParseOptions;
import com.bulkimport.model.spec.RowValidator;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refused rows validated again with their corrections, as the ingest validated them (the same mapping, options and
 * validator): their record is the one kept with their row errors (the file's fields, each cut at 1,000 characters),
 * the edited cells replaced, the defaults in force for empty cells. A row now valid is staged (COPY, in the batch
 * its row number gives) and its errors go; one still refused gets its new problems, with the corrected record, so
 * the error report and the problem list show what it holds now.
 */
final class Revalidation {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> FIELDS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final PGConnection pg;
    private final JobRef job;
    private final ReviewedJob reviewed;
    private final int batchSize;
    private long revalidated;
    private long fixed;

    Revalidation(JdbcClient jdbc, JdbcTemplate template, PGConnection pg, JobRef job, ReviewedJob reviewed,
                 int batchSize) {
        this.jdbc = jdbc;
        this.template = template;
        this.pg = pg;
        this.job = job;
        this.reviewed = reviewed;
        this.batchSize = batchSize;
    }

    void addDefault(String field, String value) {
        reviewed.defaults().put(field, value);
    }

    private record Refused(long row, long line, String raw) {
    }

    /** Validates {@code rows} (refused, not skipped) again with their cell {@code edits} (row → column → value). */
    void run(List<Long> rows, Map<Long, Map<Integer, String>> edits) {
        if (rows.isEmpty()) {
            return;
        }
        RowValidator validator = new RowValidator(reviewed.mapping().withDefaults(reviewed.defaults().keySet()),
                ParseOptions.of(reviewed.options(), reviewed.defaults()), reviewed.header().size());
        for (int from = 0; from < rows.size(); from += Corrections.CHUNK) {
            String chunk = Corrections.join(rows.subList(from, Math.min(rows.size(), from + Corrections.CHUNK)));
            List<Refused> found = jdbc.sql("SELECT DISTINCT ON (row_number) row_number, coalesce(line_number,"
                            + " row_number), raw_record::text FROM import_row_errors WHERE " + Corrections.REFUSED
                            + " AND " + Corrections.ROWS + " ORDER BY row_number, id")
                    .param("job", job.id()).param("rows", chunk)
                    .query((rs, n) -> new Refused(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
            jdbc.sql("DELETE FROM import_row_errors WHERE " + Corrections.REFUSED + " AND " + Corrections.ROWS)
                    .param("job", job.id()).param("rows", chunk).update();
            stage(found, edits, validator);
        }
    }

    private void stage(List<Refused> found, Map<Long, Map<Integer, String>> edits, RowValidator validator) {
        try {
            StagingLoad load = new StagingLoad(pg, StagingTable.of(job.kind()), RowKeys.of(job.kind()), job.id(),
                    batchSize, new RowErrorBuffer(template, job.id()), validator, reviewed.mapped());
            try {
                for (Refused row : found) {
                    List<String> fields = new ArrayList<>(JSON.readValue(row.raw(), FIELDS));
                    edits.getOrDefault(row.row(), Map.of()).forEach((column, value) -> {
                        // a row of the wrong width stays refused for it, whatever its cells say
                        if (column < fields.size()) {
                            fields.set(column, value);
                        }
                    });
                    load.accept(new CsvInput.Row(row.row(), row.line(), fields));
                }
                load.finish();
            } catch (RuntimeException | SQLException e) {
                load.abandon();
                throw e;
            }
            revalidated += load.rows();
            fixed += load.rows() - load.invalidRows();
        } catch (SQLException e) {
            throw new IllegalStateException("staging corrected rows failed", e);
        }
    }

    long revalidated() {
        return revalidated;
    }

    long fixed() {
        return fixed;
    }
}
