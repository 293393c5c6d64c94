package com.bulkimport.worker.ingest;

import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.csv.ChunkedCsv;
import com.bulkimport.model.csv.CsvHints;
import com.bulkimport.model.csv.CsvInput;
import com.bulkimport.model.csv.EncodingMismatch;
import com.bulkimport.model.csv.Encodings;
import com.bulkimport.model.csv.RowSource;
import com.bulkimport.model.xlsx.FileKind;
import com.bulkimport.model.xlsx.Ole2Refusal;
import com.bulkimport.model.xlsx.SheetRows;
import com.bulkimport.model.csv.UnreadableFile;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.engine.match.RowKeys;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;
import com.bulkimport.model.spec.ParseOptions;
import com.bulkimport.model.spec.RoundedValues;
import com.bulkimport.model.spec.RowValidator;
import com.bulkimport.engine.release.BatchRelease;
import com.bulkimport.engine.release.ReadingRelease;
import com.bulkimport.engine.staging.InFileDuplicates;
import com.bulkimport.engine.job.JobLeftIngesting;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.staging.RowErrorBuffer;
import com.bulkimport.engine.staging.StagingLoad;
import com.bulkimport.engine.staging.StagingSummary;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.worker.image.ImagePipeline;
import com.bulkimport.worker.image.JobImages;
import com.bulkimport.worker.image.ImageProperties;
import com.bulkimport.worker.image.ProductImageColumns;
import com.bulkimport.worker.inbox.Inbox;
import com.bulkimport.model.ImportKind;
import com.bulkimport.engine.match.MatchSql;
import com.bulkimport.worker.job.WorkerJob;
import com.bulkimport.worker.metrics.ImportMetrics;
import com.bulkimport.worker.queue.RetryLater;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams one uploaded file into its staging table in chunks of whole records. Each chunk's rows,
 * its row errors and the checkpoint after it (row, byte offset, line) commit together, so a worker
 * killed mid-file loses at most the chunk in flight, and the next one resumes at the checkpoint
 * (a ranged read, or a skip for gzip and UTF-16) without reading any row into staging twice. The
 * last transaction marks duplicates, releases the batches and records the event in the inbox.
 */
@Component
class FileIngestor {

    private static final Logger log = LoggerFactory.getLogger(FileIngestor.class);

    /** Names this process in ingest leases. */
    private static final String WORKER = "worker-" + UUID.randomUUID();

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectSource objects;
    private final IngestState state;
    private final Inbox inbox;
    private final BatchRelease batches;
    private final IngestProperties properties;
    private final WorkbookSpool workbooks;
    private final ReadingRelease readingRelease;
    private final JobLifecycle lifecycle;
    private final ImagePipeline images;
    private final ImageProperties imageProperties;
    private final ImportMetrics metrics;

    FileIngestor(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate tx, ObjectSource objects,
                 IngestState state, Inbox inbox, BatchRelease batches, IngestProperties properties,
                 WorkbookSpool workbooks, ReadingRelease readingRelease, JobLifecycle lifecycle,
                 ImagePipeline images, ImageProperties imageProperties, ImportMetrics metrics) {
        this.metrics = metrics;
        metrics.registerReadHeld(ReadAhead.Outcome.heldTags());
        this.lifecycle = lifecycle;
        this.images = images;
        this.imageProperties = imageProperties;
        this.workbooks = workbooks;
        this.readingRelease = readingRelease;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.tx = tx;
        this.objects = objects;
        this.state = state;
        this.inbox = inbox;
        this.batches = batches;
        this.properties = properties;
    }

    /** How one file reads into its kind: the mapping and the fields it provides. */
    private record Reading(ColumnMapping mapping, RowValidator validator, List<String> mappedFields) {
    }

    /** What an ingest left to count: the job's rows refused by validation and its in-file duplicates. */
    record Ingested(long refusedRows, long duplicates) {
    }

    /**
     * @return what the ingest found, or empty when this event's ingest was done before (a redelivery)
     * @throws RetryLater         when another worker holds the ingest
     * @throws JobLeftIngesting   when the job was cancelled meanwhile (its staged rows are dropped)
     * @throws IngestPaused       when the job was paused meanwhile (what it staged stays, with its checkpoint)
     * @throws UnreadableFile     when the file cannot be imported
     */
    Optional<Ingested> ingest(WorkerJob given, EventEnvelope event) {
        Duration lease = properties.lease();
        claimOrWait(given, lease);
        // sized once, here: every step of the read below takes the batch size from this job's options
        WorkerJob job = sized(given);
        AcrossReopens across = new AcrossReopens(releasesWhileReading(job)
                ? ReadAhead.of(properties, job.options().batchSize()) : null, images.forJob());
        while (true) {
            try {
                readAll(job, across);
                break;
            } catch (ReopenAfterHold e) {
                metrics.readReopened(job.kind());
                log.info("job {}: its read waited {} s for its apply; it reopens the file at its checkpoint",
                        job.id(), e.held.toSeconds());
            } catch (EncodingMismatch e) {
                tx.executeWithoutResult(status -> {
                    if (state.read(job.id(), false).releasedRows() > 0) {
                        // batches of the valid UTF-8 before it are applied already: what is left is read as
                        // Windows-1252 from the checkpoint on
                        state.forceEncodingFromCheckpoint(job.id(), Encodings.WINDOWS_1252);
                    } else {
                        // valid UTF-8 for a megabyte, then not: read it all again as Windows-1252, which keeps every
                        // byte (the few it leaves undefined read as ISO-8859-1 reads them)
                        state.restart(job.id(), StagingTable.of(job.kind()), Encodings.WINDOWS_1252);
                    }
                });
            }
        }
        AtomicBoolean readBesideApply = new AtomicBoolean();
        Ingested ingested = tx.execute(status -> {
            IngestState.Snapshot done = state.fence(job.id(), WORKER, state.read(job.id(), false).rows());
            if (done == null) {
                throw takenOver(job);
            }
            if (done.status() == JobStatus.PAUSED) {
                throw new IngestPaused(job.id());
            }
            if (!done.reading()) {
                throw new JobLeftIngesting(job.id());
            }
            if (!inbox.firstDelivery(event.eventId())) {
                return null;
            }
            if (done.status() == JobStatus.APPLYING) {
                // its first batches went out while it was read: the rest go now; refused rows and duplicates
                // were counted chunk by chunk
                state.release(job.id(), WORKER);
                readBesideApply.set(true);
                readingRelease.releaseRest(job.ref(), done.releasedRows(), done.rows(),
                        job.options().batchSize());
                return new Ingested(0, 0);
            }
            if (done.rows() == 0) {
                throw new UnreadableFile("NO_DATA_ROWS", "the file has a header but no data rows");
            }
            state.release(job.id(), WORKER);
            batches.release(job.ref(), summary(job, done), job.options().batchSize());
            return jdbc.queryForObject("SELECT error_count, duplicate_count FROM import_jobs WHERE id = ?",
                    (rs, n) -> new Ingested(rs.getLong(1), rs.getLong(2)), job.id());
        });
        if (readBesideApply.get()) {
            // only a read beside its apply kept keys: for any other job, even a probe for none could be a scan
            // of every other job's keys, on statistics that still call the table empty
            forgetKeys(job);
        }
        return Optional.ofNullable(ingested);
    }

    /**
     * A claim held by a worker that died runs out within one lease: waiting that long (the message's
     * heartbeat keeps it ours) costs no delivery, where giving the message back would count against its
     * maxReceiveCount. A claim still renewed after that belongs to a live worker.
     */
    private void claimOrWait(WorkerJob job, Duration lease) {
        long deadline = System.nanoTime() + lease.toNanos() + Duration.ofSeconds(1).toNanos();
        while (!Boolean.TRUE.equals(tx.execute(status -> state.claim(job.id(), WORKER, lease)))) {
            if (System.nanoTime() > deadline) {
                throw new RetryLater("another worker is ingesting job " + job.id(), lease);
            }
            try {
                Thread.sleep(Math.min(1_000, Math.max(100, lease.toMillis() / 5)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryLater("interrupted while waiting for the ingest of job " + job.id(), lease);
            }
        }
    }

    /**
     * What a read keeps when it reopens its file ({@link ReopenAfterHold}): its read-ahead remembers an apply that
     * stopped getting on (else each reopen would wait for it again), and its images' cache the URLs already
     * fetched (else a URL that repeats in the file would be fetched again).
     */
    private record AcrossReopens(ReadAhead readAhead, JobImages images) {
    }

    private void readAll(WorkerJob job, AcrossReopens across) {
        ReadAhead readAhead = across.readAhead();
        IngestState.Snapshot start = state.read(job.id(), false);
        int chunkBytes = (int) properties.chunkSize().toBytes();
        boolean withImages = job.kind() == ImportKind.PRODUCTS && imageProperties.enabled();
        if (withImages) {
            // a chunk's images are fetched before it commits, within the ingest lease: smaller chunks
            chunkBytes = (int) Math.min(chunkBytes, imageProperties.chunkSize().toBytes());
        }
        try (RowSource csv = open(job, start, chunkBytes)) {
            Reading reading = reading(job, csv.header());
            ProductImageColumns imageColumns = withImages && MatchSql.hasImages(reading.mappedFields())
                    ? new ProductImageColumns(across.images(), KindSpecs.get(job.kind()), reading.mapping()) : null;
            long rows = start.rows();
            boolean first = start.fresh();
            for (ChunkedCsv.Chunk next = csv.next(); next != null; next = csv.next()) {
                ChunkedCsv.Chunk chunk = next;
                if (chunk.lastRow() > properties.maxRows()) {
                    // before the chunk that passes the cap is staged: the job fails and its staged rows are dropped
                    throw new UnreadableFile("TOO_MANY_ROWS", String.format(Locale.ROOT,
                            "the file has more than %,d rows, the most one import takes (setting INGEST_MAX_ROWS,"
                                    + " bulkimport.ingest.max-rows raises the limit); split it into several files",
                            properties.maxRows()));
                }
                long expected = rows;
                boolean recordFormat = first;
                if (readAhead != null) {
                    Optional<Duration> held = holdWhileFarAhead(job, readAhead);
                    // a checkpoint to reopen at: a chunk of this read committed, or the one it resumed from
                    if (held.isPresent() && reopensAfter(held.get(), !first || !start.fresh(), csv)) {
                        throw new ReopenAfterHold(held.get());
                    }
                }
                if (imageColumns != null) {
                    // outside the transaction: no connection is held while images download; the lease is renewed
                    // meanwhile, so a slow image host never lets another worker take the ingest over
                    imageColumns.prefetch(chunk.rows());
                    while (!imageColumns.awaitPrefetched(properties.lease().dividedBy(4))) {
                        if (!Boolean.TRUE.equals(tx.execute(status -> state.claim(job.id(), WORKER, properties.lease())))) {
                            // paused, cancelled or taken over: the chunk's fence says which, as for any chunk
                            break;
                        }
                    }
                }
                rows = tx.execute(status -> commitChunk(job, csv, chunk, reading, expected, recordFormat,
                        start.encodingForced(), imageColumns));
                first = false;
            }
            if (first) {
                // a header and nothing after it: still record what the file is
                tx.executeWithoutResult(status -> state.recordFirstRead(job.id(), csv,
                        warnings(job, csv, reading.mapping(), start.encodingForced()), reading.mappedFields(),
                        reading.mapping().mapped(), job.options().batchSize()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + job.objectKey() + " failed", e);
        }
    }

    /**
     * The job with its rows per batch fixed for its whole read: its own {@code batch_size}; else the size its first
     * chunk kept in its options ({@link IngestState#recordFirstRead}); else, for a read begun by a release that kept
     * none, that release's default ({@link IngestProperties#BATCH_SIZE_BEFORE_KEPT}). A row's batch is its row number
     * over the size, so a read that went on with another size would number its batches anew over those it released
     * already (the same seq twice: every chunk after it refused).
     */
    private WorkerJob sized(WorkerJob job) {
        if (job.options().batchSize() != null) {
            return job;
        }
        boolean begun = !state.read(job.id(), false).fresh();
        return job.withOptions(job.options().withBatchSize(
                begun ? IngestProperties.BATCH_SIZE_BEFORE_KEPT : properties.batchSize()));
    }

    /**
     * Whether a read held this long reopens its file rather than read on from a download left idle: held at least
     * {@code reopen-after-hold}, with a checkpoint to reopen at, from a file that resumes by range (plain CSV; a gzip
     * or UTF-16 file would be read again from its start, a workbook is read from a local copy).
     */
    private boolean reopensAfter(Duration held, boolean checkpointed, RowSource csv) {
        return held.compareTo(properties.reopenAfterHold()) >= 0 && checkpointed && csv instanceof ChunkedCsv
                && ChunkedCsv.resumesByRange(csv.format());
    }

    /**
     * The chunk's rows, its row errors and the checkpoint after it, in one transaction.
     *
     * @return the rows read so far (its refused rows are added to the job's count with the checkpoint)
     */
    private long commitChunk(WorkerJob job, RowSource csv, ChunkedCsv.Chunk chunk, Reading reading,
                             long expectedRows, boolean first, boolean encodingForced,
                             ProductImageColumns imageColumns) {
        IngestState.Snapshot before = state.turn(job.id());
        requireReading(job, before);
        List<String> warnings = first ? warnings(job, csv, reading.mapping(), encodingForced) : before.warnings();
        try {
            PGConnection pg = DataSourceUtils.getConnection(dataSource).unwrap(PGConnection.class);
            StagingLoad load = new StagingLoad(pg, StagingTable.of(job.kind()), RowKeys.of(job.kind()), job.id(),
                    job.options().batchSize(), new RowErrorBuffer(jdbc, job.id()), reading.validator(),
                    reading.mappedFields(), imageColumns);
            try {
                for (CsvInput.Row row : chunk.rows()) {
                    load.accept(row);
                }
                load.finish();
            } catch (RuntimeException | SQLException e) {
                load.abandon();
                reading.validator().takeRounded();
                if (imageColumns != null) {
                    imageColumns.takeCounts();
                }
                throw e;
            }
            long[] imageCounts = imageColumns == null ? null : imageColumns.takeCounts();
            List<RoundedValues> rounded = reading.validator().takeRounded();
            long last = chunk.rows().isEmpty() ? expectedRows : chunk.lastRow();
            boolean releases = releasesWhileReading(job);
            // the batches it fills are marked and written before the lock too (only this ingest, holding the
            // job's turn, writes them)
            ReadingRelease.Prepared prepared = releases ? readingRelease.prepare(job.ref(), before.releasedRows(),
                    last, job.options().batchSize()) : null;
            // the row lock only now, for the checkpoint and the release: batches applied beside this chunk
            // count themselves into the job row, and would wait for it while the chunk is staged
            IngestState.Snapshot now = state.fence(job.id(), WORKER, expectedRows);
            if (now == null) {
                throw takenOver(job);
            }
            requireReading(job, now);
            if (first) {
                state.recordFirstRead(job.id(), csv, warnings, reading.mappedFields(), reading.mapping().mapped(),
                        job.options().batchSize());
            }
            if (!rounded.isEmpty()) {
                // counted into the job's warnings with the chunk, so a resumed ingest goes on from the right count
                state.recordWarnings(job.id(), RoundedValues.merge(warnings, rounded, "column"));
            }
            if (imageCounts != null && imageCounts[0] > 0) {
                state.recordImages(job.id(), imageCounts[0], imageCounts[1], imageCounts[2]);
            }
            state.recordChunk(job.id(), last, chunk.endOffset(), chunk.endLine(), Math.max(0, csv.fileBytesRead()),
                    load.invalidRows(), WORKER, properties.lease());
            if (prepared != null) {
                readingRelease.release(job.ref(), prepared, now.releasedRows());
            }
            return last;
        } catch (SQLException e) {
            throw new IllegalStateException("staging rows of job " + job.id() + " failed", e);
        }
    }

    private boolean releasesWhileReading(WorkerJob job) {
        return properties.applyWhileReading() && ReadingRelease.appliesWhileReading(job.ref());
    }

    /**
     * Before the next chunk of a read beside its apply: waits while the read is too far ahead ({@link ReadAhead}),
     * its claim renewed meanwhile. Outside any transaction: nothing is held while it waits.
     *
     * @return how long it waited, empty when it did not
     */
    private Optional<Duration> holdWhileFarAhead(WorkerJob job, ReadAhead readAhead) {
        long started = System.nanoTime();
        ReadAhead.Outcome outcome = readAhead.await(new ReadAhead.Job() {
            @Override
            public ReadAhead.Position position() {
                return state.readAhead(job.id(), WORKER);
            }

            @Override
            public boolean renewClaim() {
                return Boolean.TRUE.equals(tx.execute(status -> state.claim(job.id(), WORKER, properties.lease())));
            }
        });
        if (!outcome.held()) {
            return Optional.empty();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.readHeld(job.kind(), outcome.tag(), took);
        if (outcome == ReadAhead.Outcome.APPLY_STALLED) {
            log.info("job {}: none of its batches applied for {} s; its read goes on, more than {} rows ahead of them",
                    job.id(), properties.aheadPatience().toSeconds(), properties.maxRowsAhead());
        } else if (outcome == ReadAhead.Outcome.INTERRUPTED) {
            throw new RetryLater("interrupted while the read of job " + job.id() + " waited for its apply",
                    properties.lease());
        } else if (outcome == ReadAhead.Outcome.CLAIM_LOST) {
            // paused, cancelled or failed meanwhile: stop here, before the chunk's images are fetched
            requireReading(job, state.read(job.id(), false));
            throw takenOver(job);
        }
        return Optional.of(took);
    }

    /** Another worker took the read over (this one's claim ran out): it goes on from the checkpoint. */
    private RetryLater takenOver(WorkerJob job) {
        return new RetryLater("job " + job.id() + " is being ingested by another worker now", properties.lease());
    }

    /**
     * A read that waited {@code reopen-after-hold} for its apply closes its file and opens it again at the
     * checkpoint (what it had read past that is read again): the download sat unread meanwhile, and an object
     * store or a proxy may reset a connection idle for long. Only where a read resumes by range (plain CSV, not
     * gzip or UTF-16, which are read again from their start; a workbook is read from a local copy).
     */
    private static final class ReopenAfterHold extends RuntimeException {

        private final transient Duration held;

        ReopenAfterHold(Duration held) {
            super(null, null, false, false);
            this.held = held;
        }
    }

    /** Paused: stop at this checkpoint. Cancelled or failed meanwhile: stop for good (the caller decides). */
    private static void requireReading(WorkerJob job, IngestState.Snapshot now) {
        if (now.status() == JobStatus.PAUSED) {
            throw new IngestPaused(job.id());
        }
        if (!now.reading()) {
            throw new JobLeftIngesting(job.id());
        }
    }

    /**
     * The file as a {@link RowSource}: told apart by its first bytes the first time (a ZIP is a workbook,
     * whatever its name), by what the first read stored on a resume.
     */
    private RowSource open(WorkerJob job, IngestState.Snapshot start, int chunkBytes) throws IOException {
        ImportOptions options = job.options();
        if (start.workbook()) {
            return SheetRows.resume(workbooks.download(job.objectKey()), true, start.sheet(), start.checkpoint(),
                    chunkBytes);
        }
        if (start.fresh()) {
            BufferedInputStream raw = new BufferedInputStream(objects.open(job.objectKey()), 64 * 1024);
            FileKind kind;
            try {
                kind = FileKind.peek(raw);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
            if (kind == FileKind.ZIP) {
                return SheetRows.open(workbooks.spool(raw, job.objectKey()), true, options.sheet(), chunkBytes);
            }
            if (kind == FileKind.OLE2) {
                try (raw) {
                    throw Ole2Refusal.of(raw);
                }
            }
            Charset charset = start.encodingForced() ? Encodings.WINDOWS_1252
                    : options.encoding() == null ? null : Encodings.forName(options.encoding());
            return ChunkedCsv.open(raw, new CsvHints(charset, options.delimiterChar()), chunkBytes,
                    properties.inflateLimits());
        }
        boolean ranged = ChunkedCsv.resumesByRange(start.format());
        InputStream stream;
        if (!ranged) {
            stream = objects.open(job.objectKey());
        } else if (job.fileSize() != null && start.offset() >= job.fileSize()) {
            stream = new ByteArrayInputStream(new byte[0]);
        } else {
            stream = objects.openFrom(job.objectKey(), start.offset());
        }
        return ChunkedCsv.resume(stream, start.checkpoint(), ranged, chunkBytes, properties.inflateLimits());
    }

    private Reading reading(WorkerJob job, List<String> header) {
        KindSpec spec = KindSpecs.get(job.kind());
        ImportOptions options = job.options();
        ColumnMapping mapping = ColumnMapping.resolve(spec, header, options.columnMapping())
                .withDefaults(options.defaults().keySet());
        requireUsable(mapping, header);
        RowValidator validator = new RowValidator(mapping, ParseOptions.of(options, options.defaults()),
                header.size());
        return new Reading(mapping, validator, mapping.providedFields(options.defaults().keySet()));
    }

    private static List<String> warnings(WorkerJob job, RowSource csv, ColumnMapping mapping, boolean encodingForced) {
        List<String> warnings = new ArrayList<>(csv.headerWarnings());
        // a column the mapping ignores on purpose is not worth a warning; one nobody chose for is
        for (String unmatched : mapping.unmatchedHeaders()) {
            warnings.add("column '" + unmatched + "' was not imported: it matches no field of "
                    + job.kind().wireName() + " (choose a field for it, or ignore it, when you map the columns)");
        }
        if (encodingForced) {
            warnings.add("the file is not valid UTF-8 throughout; it was read as " + Encodings.WINDOWS_1252.name()
                    + ", which keeps every byte as one character");
        } else if (csv.format().encodingReason().startsWith("not valid UTF-8")) {
            warnings.add("the file is not valid UTF-8; it was read as " + csv.format().encodingName()
                    + ", which keeps every byte as one character");
        }
        return warnings;
    }

    private StagingSummary summary(WorkerJob job, IngestState.Snapshot done) {
        Map<String, Object> stored = jdbc.queryForMap("SELECT mapped_fields, column_map::text AS column_map"
                + " FROM import_jobs WHERE id = ?", job.id());
        List<String> mapped;
        try {
            mapped = List.of((String[]) ((java.sql.Array) stored.get("mapped_fields")).getArray());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> columns = tools.jackson.databind.json.JsonMapper.builder().build().readValue(
                (String) stored.get("column_map"), new tools.jackson.core.type.TypeReference<Map<String, String>>() { });
        return new StagingSummary(done.rows(), done.invalidRows(), done.format().encodingName(),
                done.workbook() ? null : done.format().delimiterName(), done.warnings(), mapped, done.header(), columns);
    }

    /**
     * Gives up the claim of an ingest that stopped where a later one goes on (paused, or failed by someone
     * else: a retry resumes from the checkpoint, so the rows staged before it stay), so that the next one
     * needs not wait for the lease to run out.
     */
    void stepAside(WorkerJob job) {
        tx.executeWithoutResult(status -> state.release(job.id(), WORKER));
    }

    /**
     * Drops what an ingest that will not go on staged, and its claim, and forgets how far it got: a retry
     * reads the file from its first byte (resuming from a checkpoint whose rows are gone would lose them).
     */
    void abandon(WorkerJob job) {
        tx.executeWithoutResult(status -> {
            state.forget(job.id(), StagingTable.of(job.kind()));
            state.release(job.id(), WORKER);
        });
    }

    /**
     * Stops for good a read whose first batches were released (the job is being cancelled): the rows staged
     * past them are dropped, the applied ones and their row errors stay.
     */
    void stopReading(WorkerJob job) {
        tx.executeWithoutResult(status -> {
            lifecycle.stopReading(job.ref());
            state.release(job.id(), WORKER);
        });
        forgetKeys(job);
    }

    /** The in-file keys of a read beside its apply that is over: in pieces, with the job row free. */
    private void forgetKeys(WorkerJob job) {
        InFileDuplicates.forgetKeysInPieces(JdbcClient.create(jdbc), job.id());
    }

    private static void requireUsable(ColumnMapping mapping, List<String> header) {
        if (!mapping.problems().isEmpty()) {
            throw new UnreadableFile("BAD_COLUMN_MAPPING", String.join("; ", mapping.problems()));
        }
        if (!mapping.missingRequired().isEmpty()) {
            throw new UnreadableFile("MISSING_COLUMNS", "required column" + (mapping.missingRequired().size() > 1
                    ? "s " : " ") + String.join(", ", mapping.missingRequired()) + " missing; the file's columns are: "
                    + String.join(", ", header) + " (map one of them to it: the mapping step of the web UI,"
                    + " --map in the CLI, column_mapping in the API)");
        }
    }
}
