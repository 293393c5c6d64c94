package com.bulkimport.engine.review;

import com.bulkimport.engine.job.JobRef;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.FieldSpec;
import com.bulkimport.model.spec.FieldType;
import com.bulkimport.model.spec.InvalidValue;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;
import com.bulkimport.model.spec.ParseOptions;
import com.bulkimport.model.spec.ValueParser;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Array;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job under review as its corrections need it, read under its row lock: its status, its rows, the file's
 * header and how it maps onto the kind's fields (as the ingest resolved it), and the defaults in force — the
 * job's own and those given at review before.
 */
record ReviewedJob(JobStatus status, long totalRows, boolean atomic, List<String> header, List<String> mapped,
                   KindSpec spec, ColumnMapping mapping, ImportOptions options, Map<String, String> defaults) {

    static ReviewedJob lock(JdbcClient jdbc, JobRef job) {
        ReviewedJob read = jdbc.sql("SELECT status, coalesce(total_rows, 0) AS total, atomic, source_header,"
                        + " mapped_fields FROM import_jobs WHERE id = :id FOR UPDATE")
                .param("id", job.id())
                .query((rs, n) -> of(job, JobStatus.valueOf(rs.getString("status")), rs.getLong("total"),
                        rs.getBoolean("atomic"), strings(rs.getArray("source_header")),
                        strings(rs.getArray("mapped_fields"))))
                .single();
        jdbc.sql("SELECT column_name, value FROM import_corrections WHERE job_id = :job AND op = 'COLUMN_DEFAULT'"
                        + " ORDER BY id")
                .param("job", job.id())
                .query(rs -> {
                    read.defaults().put(read.fieldOf(rs.getString(1)), rs.getString(2));
                });
        return read;
    }

    private static ReviewedJob of(JobRef job, JobStatus status, long total, boolean atomic, List<String> header,
                                  List<String> mapped) {
        KindSpec spec = KindSpecs.get(job.kind());
        ImportOptions options = job.options();
        Map<String, String> defaults = new LinkedHashMap<>(options.defaults());
        ColumnMapping mapping = ColumnMapping.resolve(spec, header, options.columnMapping())
                .withDefaults(defaults.keySet());
        return new ReviewedJob(status, total, atomic, header, mapped, spec, mapping, options, defaults);
    }

    /** The file column a correction names: by the header's own name, or a field fed by one column; else -1. */
    int columnOf(String name) {
        int byHeader = header.indexOf(name);
        if (byHeader >= 0) {
            return byHeader;
        }
        int field = spec.indexOf(name);
        return field < 0 ? -1 : mapping.columnOfField()[field];
    }

    /** The field a default names (by itself, or by the header of its one column); null when none. */
    String fieldOf(String name) {
        int field = spec.indexOf(name);
        if (field < 0) {
            String target = header.contains(name) ? mapping.mapped().get(name) : null;
            field = target == null ? -1 : spec.indexOf(target);
        }
        if (field < 0 || mapping.columnOfField()[field] < 0 || spec.fields().get(field).type() == FieldType.FAMILY) {
            return null;
        }
        return spec.fields().get(field).name();
    }

    void checkColumn(String column, List<String> problems) {
        if (column == null || columnOf(column) < 0) {
            problems.add("unknown column '" + column + "': name one of the file's columns (" + String.join(", ", header)
                    + ") or a field they feed");
        }
    }

    void checkDefault(String column, String value, List<String> problems) {
        String field = column == null ? null : fieldOf(column);
        if (field == null) {
            problems.add("unknown column '" + column + "' for a default: name a field the file has a column for ("
                    + String.join(", ", mapped) + ")");
            return;
        }
        FieldSpec spec = this.spec.field(field).orElseThrow();
        try {
            if (ValueParser.parse(spec, value, ParseOptions.of(options, Map.of())) == null) {
                problems.add("the default for '" + column + "' is empty");
            }
        } catch (InvalidValue e) {
            problems.add("the default for '" + column + "' is not valid: " + e.getMessage());
        }
    }

    /** A default {@link #checkDefault checked} already, as the parser makes it: what a staged row holds. */
    String parsedDefault(String field) {
        try {
            return ValueParser.parse(spec.field(field).orElseThrow(), defaults.get(field),
                    ParseOptions.of(options, defaults));
        } catch (InvalidValue e) {
            throw new IllegalStateException("a checked default refused: " + field, e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
