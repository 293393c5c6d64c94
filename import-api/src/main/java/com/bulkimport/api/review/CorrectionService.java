package com.bulkimport.api.review;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.importjob.IllegalJobState;
import com.bulkimport.api.importjob.ImportJob;
import com.bulkimport.api.importjob.ImportJobService;
import com.bulkimport.api.importjob.InvalidImportRequest;
import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.job.TransitionRefused;
import com.bulkimport.engine.review.Correction;
import com.bulkimport.engine.review.CorrectionRefused;
import com.bulkimport.engine.review.Corrections;
import com.bulkimport.model.ImportOptions;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/imports/{id}/corrections}: the request's shape checked (400), then the engine's
 * {@link Corrections} in one transaction — a job not PREVIEW_READY is 409, a row or column that is not there 422,
 * and then nothing is applied.
 */
@Service
class CorrectionService {

    static final int MAX_OPERATIONS = 1_000;
    static final int MAX_SKIP_ROWS = 10_000;
    static final int MAX_NAME = 255;
    static final int MAX_VALUE = 1_000;

    private static final Logger log = LoggerFactory.getLogger(CorrectionService.class);

    private final ImportJobService jobs;
    private final Corrections corrections;
    private final TransactionTemplate tx;
    private final DataSource dataSource;
    private final JdbcTemplate template;
    private final int batchSize;

    CorrectionService(ImportJobService jobs, Corrections corrections, TransactionTemplate tx, DataSource dataSource,
                      JdbcTemplate template,
                      @Value("${bulkimport.ingest.batch-size:" + ImportOptions.DEFAULT_BATCH_SIZE + "}") int batchSize) {
        this.jobs = jobs;
        this.corrections = corrections;
        this.tx = tx;
        this.dataSource = dataSource;
        this.template = template;
        this.batchSize = batchSize;
    }

    /** What the corrections did (filled: valid rows whose empty cell a default filled), and the rows still refused. */
    record Outcome(long revalidated, long fixed, long skipped, long filled, long rowsWithErrors) {
    }

    Outcome apply(Caller caller, UUID id, CorrectionRequest request) {
        ImportJob job = jobs.find(caller, id);
        List<Correction> operations = operations(request);
        JobRef ref = new JobRef(job.id(), job.owner(), job.tenant(), job.kind(), job.mode(), job.traceId(),
                ImportOptions.fromJson(job.optionsJson()), job.priority());
        Corrections.Applied applied;
        try {
            applied = tx.execute(status -> {
                try {
                    PGConnection pg = DataSourceUtils.getConnection(dataSource).unwrap(PGConnection.class);
                    return corrections.apply(ref, caller.subject(), operations, pg, template, batchSize);
                } catch (SQLException e) {
                    throw new IllegalStateException("no PostgreSQL connection for the corrections", e);
                }
            });
        } catch (TransitionRefused e) {
            throw new IllegalJobState(e.action(), e.status());
        } catch (CorrectionRefused e) {
            throw new CorrectionsRefused(e.problems());
        }
        log.info("import {} corrected: {} operation(s), {} row(s) validated again, {} fixed, {} skipped, {} valid"
                        + " row(s) defaulted", id, operations.size(), applied.revalidated(), applied.fixed(),
                applied.skipped(), applied.filled());
        return new Outcome(applied.revalidated(), applied.fixed(), applied.skipped(), applied.filled(),
                jobs.find(caller, id).errors());
    }

    /** The request as the engine's operations; every malformed one named (400). */
    private static List<Correction> operations(CorrectionRequest request) {
        List<String> problems = new ArrayList<>();
        List<Correction> operations = new ArrayList<>();
        if (request == null || request.operations() == null || request.operations().isEmpty()) {
            throw new InvalidImportRequest(List.of("operations must list at least one correction"));
        }
        if (request.operations().size() > MAX_OPERATIONS) {
            throw new InvalidImportRequest(List.of("at most " + MAX_OPERATIONS + " operations per request"));
        }
        int index = 0;
        for (CorrectionRequest.Operation op : request.operations()) {
            String at = "operations[" + index++ + "]: ";
            if (op == null) {
                problems.add(at + "null");
                continue;
            }
            checkText(at + "column", op.column(), MAX_NAME, problems);
            checkText(at + "value", op.value(), MAX_VALUE, problems);
            checkText(at + "default", op.defaultValue(), MAX_VALUE, problems);
            int shapes = (op.row() != null ? 1 : 0) + (op.defaultValue() != null ? 1 : 0) + (op.skip() != null ? 1 : 0)
                    + (op.skipRows() != null ? 1 : 0);
            if (shapes != 1) {
                problems.add(at + "give exactly one of {row, column, value}, {column, default}, {skip} or {skip_rows}");
            } else if (op.row() != null) {
                if (op.column() == null || op.value() == null) {
                    problems.add(at + "setting a cell needs row, column and value");
                } else {
                    operations.add(new Correction.SetCell(op.row(), op.column(), op.value()));
                }
            } else if (op.defaultValue() != null) {
                if (op.column() == null) {
                    problems.add(at + "a default needs its column");
                } else {
                    operations.add(new Correction.ColumnDefault(op.column(), op.defaultValue()));
                }
            } else if (op.skip() != null) {
                if (!"rows_with_errors".equals(op.skip())) {
                    problems.add(at + "skip must be rows_with_errors (skip rows by number with skip_rows)");
                } else {
                    operations.add(new Correction.SkipRowsWithErrors());
                }
            } else if (op.skipRows().isEmpty() || op.skipRows().size() > MAX_SKIP_ROWS
                    || op.skipRows().stream().anyMatch(r -> r == null)) {
                problems.add(at + "skip_rows must list 1 to " + MAX_SKIP_ROWS + " row numbers");
            } else {
                operations.add(new Correction.SkipRows(op.skipRows()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        return operations;
    }

    private static void checkText(String what, String text, int max, List<String> problems) {
        if (text != null && (text.length() > max || text.indexOf('\0') >= 0)) {
            problems.add(what + " must be at most " + max + " characters, without NUL");
        }
    }
}
