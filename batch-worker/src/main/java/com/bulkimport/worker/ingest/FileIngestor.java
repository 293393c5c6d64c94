package com.bulkimport.worker.ingest;

import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.csv.CsvHints;
import com.bulkimport.model.csv.CsvInput;
import com.bulkimport.model.csv.UnreadableFile;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.match.RowKeys;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;
import com.bulkimport.model.spec.ParseOptions;
import com.bulkimport.model.spec.RowValidator;
import com.bulkimport.model.staging.BatchRelease;
import com.bulkimport.model.staging.RowErrorBuffer;
import com.bulkimport.model.staging.StagingLoad;
import com.bulkimport.model.staging.StagingSummary;
import com.bulkimport.model.staging.StagingTable;
import com.bulkimport.worker.inbox.Inbox;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import com.bulkimport.worker.queue.RetryLater;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams one uploaded file into its staging table in a single transaction: parse, validate, COPY
 * the valid rows, record the invalid ones, then release batches ({@link BatchRelease}). Either all of it
 * commits, with the inbox row, or none of it does and a redelivery starts over.
 */
@Component
class FileIngestor {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate separateTx;
    private final ObjectSource objects;
    private final JobStore jobs;
    private final Inbox inbox;
    private final BatchRelease batches;
    private final IngestProperties properties;

    FileIngestor(DataSource dataSource, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                 ObjectSource objects, JobStore jobs, Inbox inbox, BatchRelease batches, IngestProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.separateTx = new TransactionTemplate(transactions);
        this.separateTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.objects = objects;
        this.jobs = jobs;
        this.inbox = inbox;
        this.batches = batches;
        this.properties = properties;
    }

    /** @param forcedCharset ISO-8859-1 on the second attempt after a late UTF-8 error, else null */
    void ingest(WorkerJob job, EventEnvelope event, Charset forcedCharset) {
        tx.executeWithoutResult(status -> {
            lockJob(job);
            if (!inbox.firstDelivery(event.eventId())) {
                return;
            }
            StagingSummary staged = stream(job, forcedCharset);
            batches.release(job.ref(), staged, properties.batchSizeFor(job.options()));
        });
    }

    /** Two workers must never ingest the same job at once (a redelivery while the first still runs). */
    private void lockJob(WorkerJob job) {
        Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))",
                Boolean.class, job.id().toString());
        if (!Boolean.TRUE.equals(locked)) {
            throw new RetryLater("another worker is ingesting job " + job.id(), Duration.ofSeconds(30));
        }
    }

    private StagingSummary stream(WorkerJob job, Charset forcedCharset) {
        KindSpec spec = KindSpecs.get(job.kind());
        StagingTable table = StagingTable.of(job.kind());
        ImportOptions options = job.options();
        Charset charset = forcedCharset != null ? forcedCharset
                : options.encoding() == null ? null : Charset.forName(options.encoding());
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (InputStream in = objects.open(job.objectKey()); CsvInput csv = CsvInput.open(in,
                new CsvHints(charset, options.delimiterChar()))) {
            ColumnMapping mapping = ColumnMapping.resolve(spec, csv.header(), options.columnMapping())
                    .withDefaults(options.defaults().keySet());
            requireUsable(mapping, csv.header());
            PGConnection pg = connection.unwrap(PGConnection.class);
            RowValidator validator = new RowValidator(mapping,
                    new ParseOptions(options.decimalComma(), options.defaults()), csv.header().size());
            List<String> mappedFields = mappedFields(spec, mapping, options);
            StagingLoad load = new StagingLoad(pg, table, RowKeys.of(job.kind()), job.id(),
                    properties.batchSizeFor(options), new RowErrorBuffer(jdbc, job.id()), validator, mappedFields);
            long progressEveryNanos = properties.progressInterval().toNanos();
            long nextProgress = System.nanoTime() + progressEveryNanos;
            try {
                for (CsvInput.Row row = csv.next(); row != null; row = csv.next()) {
                    load.accept(row);
                    if ((row.number() & 1023) == 0 && System.nanoTime() > nextProgress) {
                        long rows = row.number();
                        separateTx.executeWithoutResult(s -> jobs.recordIngestProgress(job.id(), rows));
                        nextProgress = System.nanoTime() + progressEveryNanos;
                    }
                }
                load.finish();
            } catch (RuntimeException | SQLException e) {
                load.abandon();
                throw e;
            }
            if (load.rows() == 0) {
                throw new UnreadableFile("NO_DATA_ROWS", "the file has a header but no data rows");
            }
            List<String> warnings = new ArrayList<>(csv.headerWarnings());
            for (String unmatched : mapping.unmatchedHeaders()) {
                warnings.add("column '" + unmatched + "' is not imported: no field of " + job.kind().wireName()
                        + " matches it (map it with column_mapping)");
            }
            if (forcedCharset != null) {
                warnings.add("the file is not valid UTF-8 throughout; it was read as " + forcedCharset.name()
                        + ", which keeps every byte as one character");
            } else if (csv.format().encodingReason().startsWith("not valid UTF-8")) {
                warnings.add("the file is not valid UTF-8; it was read as " + csv.format().encodingName()
                        + ", which keeps every byte as one character");
            }
            return new StagingSummary(load.rows(), load.invalidRows(),
                    forcedCharset != null ? forcedCharset.name() : csv.format().encodingName(),
                    csv.format().delimiterName(), warnings, mappedFields, csv.header(), mapping.mapped());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + job.objectKey() + " failed", e);
        } catch (SQLException e) {
            throw new IllegalStateException("staging rows of job " + job.id() + " failed", e);
        }
    }

    /** Fields the file (or a default) provides: only these are written; the rest of a record stays as it is. */
    private static List<String> mappedFields(KindSpec spec, ColumnMapping mapping, ImportOptions options) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < spec.fields().size(); i++) {
            String name = spec.fields().get(i).name();
            if (mapping.columnOfField()[i] >= 0 || mapping.familyColumns().containsKey(i)
                    || options.defaults().containsKey(name)) {
                fields.add(name);
            }
        }
        return fields;
    }

    private static void requireUsable(ColumnMapping mapping, List<String> header) {
        if (!mapping.problems().isEmpty()) {
            throw new UnreadableFile("BAD_COLUMN_MAPPING", String.join("; ", mapping.problems()));
        }
        if (!mapping.missingRequired().isEmpty()) {
            throw new UnreadableFile("MISSING_COLUMNS", "required column" + (mapping.missingRequired().size() > 1
                    ? "s " : " ") + String.join(", ", mapping.missingRequired()) + " missing; the file's columns are: "
                    + String.join(", ", header) + " (map them with column_mapping)");
        }
    }
}
