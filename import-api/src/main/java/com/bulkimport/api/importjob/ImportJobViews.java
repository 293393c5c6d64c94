package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.JobStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds the status view, including the rate and ETA measured from the job's own counters. */
@Component
class ImportJobViews {

    static final int RECENT_ERRORS = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ImportJobRepository jobs;
    private final ApplyRates applyRates;
    private final Clock clock;

    ImportJobViews(ImportJobRepository jobs, ApplyRates applyRates) {
        this.jobs = jobs;
        this.applyRates = applyRates;
        this.clock = Clock.systemUTC();
    }

    /** The job as its status page shows it, with its ten newest row errors. */
    ImportJobView withRecentErrors(ImportJob job) {
        return view(job, true);
    }

    /** The job without its row errors (lists, and the answers to actions). */
    ImportJobView summary(ImportJob job) {
        return view(job, false);
    }

    private ImportJobView view(ImportJob job, boolean withErrors) {
        Instant now = clock.instant();
        // parsed once: the estimates below look the deployment's apply speed up by it
        String events = ImportOptions.fromJson(job.optionsJson()).events();
        ImportJobView.Progress progress;
        Instant eta;
        if (job.status() == JobStatus.INGESTING) {
            ReadingEstimate reading = ReadingEstimate.of(job.fileSize(), job.ingestFileBytes(), job.ingestRow(),
                    job.startedAt(), now, recentApplyRate(job, events));
            progress = progress(job, null, reading.estimatedTotalRows(), reading.percentage(), readRate(job, now),
                    "reading");
            eta = reading.completion();
        } else if (job.status() == JobStatus.APPLYING && job.stillReading()) {
            // applying while the file is still read: the total is the file's estimated rows, and the apply's
            // pace (the slower of the two) says when it ends
            ReadingEstimate reading = ReadingEstimate.of(job.fileSize(), job.ingestFileBytes(), job.ingestRow(),
                    job.startedAt(), now, recentApplyRate(job, events));
            long total = reading.estimatedTotalRows() == null ? job.ingestRow() : reading.estimatedTotalRows();
            Double rate = rate(job, now);
            progress = progress(job, null, total, total == 0 ? 0.0 : percentage(job.processedRows(), total, false),
                    rate, "applying");
            Double readSeconds = wholeReadSeconds(job, now);
            Double pace = recentRate(job, now);
            if (pace == null) {
                pace = settledRate(job, total, rate, readSeconds, events);
            }
            eta = pace == null || pace <= 0 || readSeconds == null ? estimatedCompletion(job, total, pace, now)
                    : ApplyEstimate.whileReading(now, job.startedAt().plusMillis(Math.round(readSeconds * 1000)),
                    total, job.ingestRow(), job.processedRows(), pace,
                    ApplyEstimate.afterRead(pace, readRate(job, now), readWeight(job, events)));
        } else {
            long total = job.totalRows() == null ? 0 : job.totalRows();
            double percentage = total == 0 ? (job.status().hasStopped() ? 100.0 : 0.0)
                    : percentage(job.processedRows(), total, job.status().hasStopped());
            Double rate = rate(job, now);
            progress = progress(job, job.totalRows(), null, percentage, rate,
                    job.status() == JobStatus.APPLYING ? "applying" : null);
            Double pace = recentRate(job, now);
            eta = estimatedCompletion(job, total, pace != null ? pace : settledRate(job, total, rate, null, events), now);
        }
        List<ImportJobRepository.RowError> recent = withErrors && (job.errors() > 0 || job.duplicates() > 0)
                ? jobs.recentErrors(job.id(), RECENT_ERRORS) : List.of();
        String errorReport = job.errors() > 0 || job.duplicates() > 0 ? "/api/imports/" + job.id() + "/errors.csv" : null;
        return new ImportJobView(job.id(), job.kind().wireName(), job.mode(), job.status(),
                job.priority().wireName(), job.atomic(), job.fileName(),
                job.label(), job.owner(), job.tenant(), job.fileSize(), job.encoding(), job.delimiter(),
                warnings(job.warningsJson()),
                progress,
                new ImportJobView.Timestamps(job.createdAt(), job.startedAt(), job.completedAt(), eta),
                job.failureReason() == null ? null : ImportJobView.Failure.of(job.failureCode(), job.failureReason()),
                job.previewJson() == null ? null : JSON.readTree(job.previewJson()), recent, errorReport,
                job.revertsJobId(), job.kind() == com.bulkimport.model.ImportKind.PRODUCTS
                        ? new ImportJobView.Images(job.imagesTotal(), job.imagesDone(), job.imagesFailed()) : null);
    }

    private static ImportJobView.Progress progress(ImportJob job, Long totalRows, Long estimatedTotalRows,
                                                   double percentage, Double rate, String phase) {
        Long items = job.kind() == com.bulkimport.model.ImportKind.PURCHASES ? job.items() : null;
        return new ImportJobView.Progress(totalRows, estimatedTotalRows, job.processedRows(), job.created(),
                job.updated(), job.unchanged(), job.duplicates(), job.errors(), items, percentage, rate, phase,
                job.ingestRow(), job.ingestFileBytes(), job.revertsJobId() == null ? null : job.deleted(),
                job.skipped() > 0 ? job.skipped() : null);
    }

    /** Rows read per second since the job started, while its file is read. */
    private static Double readRate(ImportJob job, Instant now) {
        if (job.startedAt() == null || job.ingestRow() <= 0) {
            return null;
        }
        double seconds = Math.max(0.001, Duration.between(job.startedAt(), now).toNanos() / 1e9);
        return Math.round(job.ingestRow() / seconds * 10.0) / 10.0;
    }

    /** To one decimal; a job still running never shows 100 % (1,999 of 2,000 rows would round up to it). */
    private static double percentage(long processed, long total, boolean finished) {
        double rounded = Math.round(processed * 1000.0 / total) / 10.0;
        return finished ? rounded : Math.min(99.9, rounded);
    }

    /**
     * Rows per second since the job last started applying (or started at all): the rows processed since
     * then, not those an earlier attempt or the ingest's refusals had already counted.
     */
    private static Double rate(ImportJob job, Instant now) {
        boolean applying = job.applyStartedAt() != null;
        Instant since = applying ? job.applyStartedAt() : job.startedAt();
        long rows = job.processedRows() - (applying ? job.applyBaseRows() : 0);
        // a preview waits for its confirmation: nothing runs, and the rows it counts were refused, not applied;
        // a paused job has no rate (its resume counts from then on)
        if (since == null || rows <= 0 || job.status() == JobStatus.PREVIEW_READY || job.status() == JobStatus.PAUSED) {
            return null;
        }
        Instant until = job.completedAt() != null ? job.completedAt() : now;
        double seconds = Math.max(0.001, Duration.between(since, until).toNanos() / 1e9);
        return Math.round(rows / seconds * 10.0) / 10.0;
    }

    /** The apply's pace over its recent span ({@link ApplyEstimate#window}) of an applying job, or null. */
    private Double recentRate(ImportJob job, Instant now) {
        if (job.status() != JobStatus.APPLYING || job.applyStartedAt() == null) {
            return null;
        }
        return ApplyEstimate.recentRate(jobs.recentApply(job.id(), job.applyStartedAt(),
                ApplyEstimate.window(job.applyStartedAt(), now)));
    }

    private double readWeight(ImportJob job, String events) {
        return applyRates.readWeight(job.kind(), events);
    }

    private Double recentApplyRate(ImportJob job, String events) {
        return applyRates.rowsPerSecond(job.kind(), events);
    }

    /**
     * The rate the ETA goes by: the job's own once a twentieth of what it applies is done. Before that its
     * first batches' pace (slowed by the first events' way through the relay and the queue) says little:
     * it is blended, by the share of that twentieth done, with what was expected when the apply began,
     * the deployment's recent apply speed for the kind, or without one, the apply of a file taking
     * {@link ReadingEstimate#APPLY_TIME_PER_READ_TIME} times its read (for a first apply only: a retry's
     * read lies behind its failure).
     */
    private Double settledRate(ImportJob job, long total, Double rate, Double readSeconds, String events) {
        if (job.status() != JobStatus.APPLYING || rate == null) {
            return rate;
        }
        long toApply = total - job.applyBaseRows();
        long applied = job.processedRows() - job.applyBaseRows();
        if (applied * 20 >= toApply) {
            return rate;
        }
        Double expected = recentApplyRate(job, events);
        boolean firstApply = job.applyBaseRows() <= job.errors();
        if (expected == null && firstApply && job.startedAt() != null && job.applyStartedAt() != null) {
            double read = readSeconds != null ? readSeconds
                    : Duration.between(job.startedAt(), job.applyStartedAt()).toNanos() / 1e9;
            if (read > 0) {
                expected = toApply / (read * ReadingEstimate.APPLY_TIME_PER_READ_TIME);
            }
        }
        if (expected == null) {
            return rate;
        }
        double weight = applied * 20.0 / toApply;
        return weight * rate + (1 - weight) * expected;
    }

    /** How long the whole read will take at its pace so far (its first batches apply beside it), or null. */
    private static Double wholeReadSeconds(ImportJob job, Instant now) {
        if (job.startedAt() == null || job.fileSize() == null || job.fileSize() <= 0 || job.ingestFileBytes() <= 0) {
            return null;
        }
        double share = Math.min(1.0, (double) job.ingestFileBytes() / job.fileSize());
        return Duration.between(job.startedAt(), now).toNanos() / 1e9 / share;
    }

    private static Instant estimatedCompletion(ImportJob job, long total, Double rate, Instant now) {
        if (job.status().hasStopped()) {
            return job.completedAt();
        }
        if (job.status() != JobStatus.APPLYING || rate == null || rate <= 0 || total == 0) {
            return null;
        }
        long remaining = Math.max(0, total - job.processedRows());
        return now.plusMillis((long) (remaining / rate * 1000));
    }

    private static List<String> warnings(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return JSON.readValue(json, new TypeReference<List<String>>() { });
    }
}
