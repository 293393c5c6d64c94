package com.bulkimport.api.importjob;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.csv.CsvInput;
import com.bulkimport.engine.match.RowKeys;
import com.bulkimport.support.tracing.JobTraces;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;
import com.bulkimport.model.spec.ParseOptions;
import com.bulkimport.model.spec.RoundedValues;
import com.bulkimport.model.spec.RowValidator;
import com.bulkimport.engine.release.BatchRelease;
import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.staging.RowErrorBuffer;
import com.bulkimport.engine.staging.StagingLoad;
import com.bulkimport.engine.staging.StagingSummary;
import com.bulkimport.engine.staging.StagingTable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
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
 * Inline imports (the first seed's {@code processImportData}): the rows arrive in the request, so
 * the job, its validated and staged rows, its row errors, its batches and their outbox rows are all
 * written in one transaction. From there the worker applies the batches as for any file.
 */
@Service
class InlineImportService {

    private static final Logger log = LoggerFactory.getLogger(InlineImportService.class);
    private final ImportJobRepository jobs;
    private final ImportRequestChecks checks;
    private final JobLifecycle lifecycle;
    private final BatchRelease release;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int defaultBatchSize;
    private final JobTraces traces;

    InlineImportService(ImportJobRepository jobs, ImportRequestChecks checks, JobLifecycle lifecycle,
                        BatchRelease release, DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate tx,
                        JobTraces traces, InlineBatchProperties batches) {
        this.traces = traces;
        this.jobs = jobs;
        this.checks = checks;
        this.lifecycle = lifecycle;
        this.release = release;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.tx = tx;
        this.defaultBatchSize = batches.batchSize();
    }

    /** Creates the job, or, for an Idempotency-Key used before with the same body, answers with that job's id. */
    Idempotency.Outcome<UUID> create(Caller caller, InlineImportRequest request, String idempotencyKey) {
        ImportRequestChecks.Checked checked = checks.checkInline(request.kind(), request.mode(), request.options(),
                request.rows() == null ? 0 : request.rows().size(), request.priority()).allowedFor(caller);
        InlineRows table = InlineRows.of(request.rows(), checks.limits());
        String hash = idempotencyKey == null ? null : Idempotency.hash("POST /api/imports/rows", request);
        if (idempotencyKey != null) {
            var earlier = jobs.findIdempotent(caller, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), hash);
            }
        }
        KindSpec spec = KindSpecs.get(checked.kind());
        ImportOptions options = checked.options();
        ColumnMapping mapping = ColumnMapping.resolve(spec, table.header(), options.columnMapping())
                .withDefaults(options.defaults().keySet());
        requireUsable(mapping);
        String fileName = request.fileName() == null ? "inline.json" : FileNames.sanitize(request.fileName());
        UUID id = UUID.randomUUID();
        String traceId = traces.traceIdForNewJob();
        JobRef job = new JobRef(id, caller.subject(), caller.tenant(), checked.kind(), checked.mode(), traceId, options,
                checked.priority());
        try {
            tx.executeWithoutResult(status -> {
                jobs.insertInline(id, caller, checked.kind(), checked.mode(), fileName, options.toJson(), traceId,
                        idempotencyKey, hash, checked.priority());
                lifecycle.created(job, fileName, table.records().size());
                StagingSummary summary = stage(job, mapping, table, options);
                release.release(job, summary, batchSize(options));
            });
        } catch (DuplicateKeyException e) {
            // the same key raced in from a concurrent request: whichever committed first is the job
            return replay(jobs.findIdempotent(caller, idempotencyKey).orElseThrow(() -> e), hash);
        }
        ImportJobService.logUnder(id, traceId);
        log.info("import {} created with {} inline rows: {} {}", id, table.records().size(), checked.kind().wireName(),
                checked.mode());
        return new Idempotency.Outcome<>(id, false);
    }

    private static Idempotency.Outcome<UUID> replay(Idempotency.Stored earlier, String hash) {
        if (!hash.equals(earlier.requestHash())) {
            throw new IdempotencyKeyReused();
        }
        return new Idempotency.Outcome<>(earlier.jobId(), true);
    }

    private StagingSummary stage(JobRef job, ColumnMapping mapping, InlineRows table,
                                 ImportOptions options) {
        List<String> mapped = mapping.providedFields(options.defaults().keySet());
        RowValidator validator = new RowValidator(mapping, ParseOptions.of(options, options.defaults()),
                table.header().size());
        try {
            PGConnection pg = DataSourceUtils.getConnection(dataSource).unwrap(PGConnection.class);
            StagingLoad load = new StagingLoad(pg, StagingTable.of(job.kind()), RowKeys.of(job.kind()), job.id(),
                    batchSize(options), new RowErrorBuffer(jdbc, job.id()), validator, mapped);
            try {
                long number = 0;
                for (List<String> record : table.records()) {
                    number++;
                    load.accept(new CsvInput.Row(number, number, record));
                }
                load.finish();
            } catch (RuntimeException | SQLException e) {
                load.abandon();
                throw e;
            }
            List<String> warnings = RoundedValues.merge(mapping.unmatchedHeaders().stream()
                    .map(key -> "key '" + key + "' is not imported: no field of " + job.kind().wireName() + " matches it")
                    .toList(), validator.takeRounded(), "key");
            return new StagingSummary(load.rows(), load.invalidRows(), "UTF-8", null, warnings, mapped, table.header(),
                    mapping.mapped());
        } catch (SQLException e) {
            throw new IllegalStateException("staging inline rows failed", e);
        }
    }

    private int batchSize(ImportOptions options) {
        return options.batchSize() != null ? options.batchSize() : defaultBatchSize;
    }

    private static void requireUsable(ColumnMapping mapping) {
        List<String> problems = new ArrayList<>(mapping.problems());
        for (String missing : mapping.missingRequired()) {
            problems.add("rows lack the required field '" + missing + "' (no row has it and no default is given)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
    }
}
