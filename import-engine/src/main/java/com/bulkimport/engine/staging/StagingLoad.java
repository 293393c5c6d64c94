package com.bulkimport.engine.staging;

import com.bulkimport.model.csv.CsvInput;
import com.bulkimport.engine.match.RowKeys;
import com.bulkimport.model.spec.RowValidator;


import org.postgresql.PGConnection;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Validated rows into the staging COPY (with their batch, match key and derived columns), invalid
 * ones into the error buffer. When the buffer fills, the COPY is ended, the errors written, and a
 * new COPY begun (one COPY per connection at a time).
 */
public final class StagingLoad {

    private final PGConnection connection;
    private final StagingTable table;
    private final RowKeys keys;
    private final String jobId;
    private final int batchSize;
    private final RowErrorBuffer errors;
    private final RowValidator validator;
    private final String[] derived;
    private final StagedExtras extras;
    private final String[] extra;
    private final int[] copied;
    private final String copySql;
    private CopyStream copy;
    private long rows;
    private long invalidRows;

    /** @param copiedFields the spec fields the file (or a default) provides; the others stay NULL */
    public StagingLoad(PGConnection connection, StagingTable table, RowKeys keys, UUID jobId, int batchSize,
                RowErrorBuffer errors, RowValidator validator, List<String> copiedFields) throws SQLException {
        this(connection, table, keys, jobId, batchSize, errors, validator, copiedFields, null);
    }

    /** @param extras columns filled from outside the file (null: none) */
    public StagingLoad(PGConnection connection, StagingTable table, RowKeys keys, UUID jobId, int batchSize,
                RowErrorBuffer errors, RowValidator validator, List<String> copiedFields, StagedExtras extras)
            throws SQLException {
        this.extras = extras;
        this.extra = extras == null ? new String[0] : new String[extras.columns().size()];
        this.connection = connection;
        this.table = table;
        this.keys = keys;
        this.jobId = jobId.toString();
        this.batchSize = batchSize;
        this.errors = errors;
        this.validator = validator;
        this.derived = new String[keys.derivedColumns().size()];
        this.copied = copiedFields.stream().mapToInt(f -> table.fields().indexOf(f)).toArray();
        this.copySql = table.copySql(copiedFields, extras == null ? List.of() : extras.columns());
        this.copy = new CopyStream(connection, copySql);
    }

    public void accept(CsvInput.Row row) throws SQLException {
        rows++;
        RowValidator.Result result = validator.validate(row.fields());
        if (result.valid()) {
            String[] values = result.values();
            keys.derive(values, derived);
            copy.field(jobId).field(Long.toString(row.number())).field(Long.toString((row.number() - 1) / batchSize))
                    .field(keys.matchKey(values));
            for (String value : derived) {
                copy.field(value);
            }
            List<RowWarning> warnings = extras == null ? List.of() : extras.fill(values, extra);
            for (String value : extra) {
                copy.field(value);
            }
            for (int index : copied) {
                copy.field(values[index]);
            }
            copy.endRow();
            if (!warnings.isEmpty()) {
                errors.addWarnings(row.number(), row.line(), warnings, row.fields());
                flushWhenFull();
            }
            return;
        }
        invalidRows++;
        errors.add(row.number(), row.line(), result.problems(), row.fields());
        flushWhenFull();
    }

    private void flushWhenFull() throws SQLException {
        if (errors.full()) {
            copy.end();
            errors.flush();
            copy = new CopyStream(connection, copySql);
        }
    }

    public void finish() throws SQLException {
        copy.end();
        errors.flush();
    }

    public void abandon() {
        copy.cancel();
    }

    public long rows() {
        return rows;
    }

    public long invalidRows() {
        return invalidRows;
    }
}
