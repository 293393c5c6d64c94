package com.bulkimport.engine.testing;

import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.match.RowKeys;
import com.bulkimport.engine.staging.RowErrorBuffer;
import com.bulkimport.engine.staging.StagingLoad;
import com.bulkimport.engine.staging.StagingSummary;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.model.csv.CsvInput;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;
import com.bulkimport.model.spec.ParseOptions;
import com.bulkimport.model.spec.RowValidator;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Stages a job's rows as an ingest does (validated, COPYed, row errors kept), in the caller's transaction. */
public final class Staging {

    private final EngineDatabase db;

    public Staging(EngineDatabase db) {
        this.db = db;
    }

    /** @param rows each row's fields in the order of {@code header} */
    public StagingSummary stage(JobRef job, int batchSize, List<String> header, List<List<String>> rows) {
        KindSpec spec = KindSpecs.get(job.kind());
        ColumnMapping mapping = ColumnMapping.resolve(spec, header, job.options().columnMapping())
                .withDefaults(job.options().defaults().keySet());
        List<String> mapped = mapping.providedFields(job.options().defaults().keySet());
        RowValidator validator = new RowValidator(mapping, new ParseOptions(job.options().decimalComma(),
                job.options().defaults()), header.size());
        try {
            PGConnection pg = DataSourceUtils.getConnection(db.dataSource).unwrap(PGConnection.class);
            StagingLoad load = new StagingLoad(pg, StagingTable.of(job.kind()), RowKeys.of(job.kind()), job.id(),
                    batchSize, new RowErrorBuffer(db.template, job.id()), validator, mapped);
            long number = 0;
            for (List<String> row : rows) {
                number++;
                load.accept(new CsvInput.Row(number, number + 1, new ArrayList<>(row)));
            }
            load.finish();
            return new StagingSummary(load.rows(), load.invalidRows(), "UTF-8", ",", List.of(), mapped, header,
                    mapping.mapped());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
