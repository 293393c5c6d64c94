package com.bulkimport.engine.review;

import com.bulkimport.engine.batch.Batches;
import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.job.JobTurn;
import com.bulkimport.engine.job.TransitionRefused;
import com.bulkimport.engine.preview.Previews;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.JobStatus;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Corrections at review (docs/architecture.md, "Review and corrections"): while a dry run is PREVIEW_READY its
 * owner fixes refused rows without uploading again. In the caller's transaction, under the job's turn and row lock:
 * the operations are stored ({@code import_corrections}), applied in order — only the rows they change are
 * validated again, and those now valid are staged; a default also fills the staged rows' empty field —, skipped
 * rows set aside (with the staged rows naming a record that does not exist: {@link UnknownReferences}), then the
 * in-file duplicates, the batches, the job's counts and the preview are made true again, set-based, so that a
 * confirm applies what the refreshed preview shows.
 */
public final class Corrections {

    /** Rows validated again per round trip: their record is read, their errors replaced, the valid ones staged. */
    static final int CHUNK = 2_000;
    static final String REFUSED = "job_id = :job AND NOT skipped AND code <> 'DUPLICATE_IN_FILE'";
    static final String ROWS = "row_number = ANY(string_to_array(:rows, ',')::bigint[])";

    private final JdbcClient jdbc;
    private final Batches batches;
    private final Previews previews;

    public Corrections(JdbcClient jdbc, Batches batches) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.previews = new Previews(jdbc);
    }

    /**
     * @param revalidated rows validated again
     * @param fixed       of them, rows now valid and staged
     * @param skipped     rows set aside by the skips
     * @param filled      staged (valid) rows whose empty cell a default filled
     */
    public record Applied(long revalidated, long fixed, long skipped, long filled) {
    }

    /**
     * @param by               who corrects (stored with each operation)
     * @param pg               the transaction's connection, for the COPY of rows now valid
     * @param template         the same transaction's, for their row errors
     * @param defaultBatchSize rows per batch when the job's options name none
     * @throws TransitionRefused  when the job is not PREVIEW_READY
     * @throws CorrectionRefused  when an operation names what is not there (nothing is applied)
     */
    public Applied apply(JobRef job, String by, List<Correction> corrections, PGConnection pg, JdbcTemplate template,
                         int defaultBatchSize) {
        JobTurn.take(jdbc, job.id());
        ReviewedJob reviewed = ReviewedJob.lock(jdbc, job);
        if (reviewed.status() != JobStatus.PREVIEW_READY) {
            throw new TransitionRefused("correct", reviewed.status());
        }
        if (job.kind() == ImportKind.PURCHASES) {
            throw new CorrectionRefused(List.of("purchases are checked as whole transactions at release;"
                    + " correct the file and upload it again"));
        }
        check(job, reviewed, corrections);
        record(job, by, corrections);
        int batchSize = job.options().batchSize() != null ? job.options().batchSize() : defaultBatchSize;
        Revalidation revalidation = new Revalidation(jdbc, template, pg, job, reviewed, batchSize);
        StagedDefaults stagedDefaults = new StagedDefaults(jdbc, template, job);
        Map<Long, Map<Integer, String>> edits = new TreeMap<>();
        Set<Integer> defaulted = new TreeSet<>();
        long skipped = 0;
        long filled = 0;
        boolean stagingChanged = false;
        for (Correction correction : corrections) {
            if (correction instanceof Correction.SetCell cell) {
                edits.computeIfAbsent(cell.row(), r -> new LinkedHashMap<>())
                        .put(reviewed.columnOf(cell.column()), cell.value() == null ? "" : cell.value());
            } else if (correction instanceof Correction.ColumnDefault given) {
                String field = reviewed.fieldOf(given.column());
                revalidation.addDefault(field, given.value());
                defaulted.add(reviewed.columnOf(field));
                // every row's empty cell, as the CLI's --default: the staged rows now, the refused ones validated below
                filled += stagedDefaults.fill(field, reviewed.parsedDefault(field));
            } else {
                revalidation.run(rowsFor(job, edits, defaulted), edits);
                edits.clear();
                defaulted.clear();
                if (correction instanceof Correction.SkipRows rows) {
                    long staged = skipStaged(job, "s.job_id = :job AND s." + ROWS, join(rows.rows()));
                    stagingChanged |= staged > 0;
                    skipped += staged + skipRefused(job, " AND " + ROWS, join(rows.rows()));
                } else {
                    skipped += skipRefused(job, "", null);
                    if (UnknownReferences.apply(job.kind())) {
                        // the rows the review lists for a record that does not exist: rows with errors too
                        long staged = skipStaged(job, UnknownReferences.condition(job.kind()), null);
                        stagingChanged |= staged > 0;
                        skipped += staged;
                    }
                }
            }
        }
        revalidation.run(rowsFor(job, edits, defaulted), edits);
        stagingChanged |= revalidation.fixed() > 0 || filled > 0;
        if (revalidation.revalidated() > 0 || skipped > 0 || filled > 0) {
            ReviewTotals.refresh(jdbc, batches, job, reviewed.atomic(), stagingChanged);
            if (!reviewed.mapped().isEmpty()) {
                previews.record(job, reviewed.mapped());
            }
        }
        return new Applied(revalidation.revalidated(), revalidation.fixed(), skipped, filled);
    }

    /** Every problem of the request at once, before anything is stored. */
    private void check(JobRef job, ReviewedJob reviewed, List<Correction> corrections) {
        List<String> problems = new ArrayList<>();
        Set<Long> cellRows = new TreeSet<>();
        for (Correction correction : corrections) {
            if (correction instanceof Correction.SetCell cell) {
                if (cell.row() < 1 || cell.row() > reviewed.totalRows()) {
                    problems.add("row " + cell.row() + " is out of range: the file has rows 1 to "
                            + reviewed.totalRows());
                } else {
                    cellRows.add(cell.row());
                }
                reviewed.checkColumn(cell.column(), problems);
            } else if (correction instanceof Correction.ColumnDefault given) {
                reviewed.checkDefault(given.column(), given.value(), problems);
            } else if (correction instanceof Correction.SkipRows rows) {
                rows.rows().stream().filter(r -> r < 1 || r > reviewed.totalRows()).findFirst().ifPresent(r ->
                        problems.add("row " + r + " is out of range: the file has rows 1 to " + reviewed.totalRows()));
            }
        }
        if (!cellRows.isEmpty()) {
            Set<Long> refused = new TreeSet<>(jdbc.sql("SELECT DISTINCT row_number FROM import_row_errors WHERE "
                            + REFUSED + " AND " + ROWS)
                    .param("job", job.id()).param("rows", join(cellRows)).query(Long.class).list());
            Set<Long> unknown = new TreeSet<>();
            if (UnknownReferences.apply(job.kind())) {
                unknown.addAll(jdbc.sql("SELECT s.row_number FROM " + StagingTable.of(job.kind()).name() + " s WHERE "
                                + UnknownReferences.condition(job.kind()) + " AND s." + ROWS)
                        .param("job", job.id()).param("tenant", job.tenant()).param("rows", join(cellRows))
                        .query(Long.class).list());
            }
            cellRows.stream().filter(r -> !refused.contains(r)).forEach(r -> problems.add("row " + r
                    + (unknown.contains(r) ? " names a record that does not exist yet: that is checked when the row is"
                    + " applied, not a value to fix here; import that record first, or skip the row"
                    : " has no refused value to fix (it is valid, a duplicate, or skipped)")));
        }
        if (!problems.isEmpty()) {
            throw new CorrectionRefused(problems);
        }
    }

    private void record(JobRef job, String by, List<Correction> corrections) {
        for (Correction correction : corrections) {
            Long row = null;
            String column = null;
            String value = null;
            String rows = null;
            if (correction instanceof Correction.SetCell cell) {
                row = cell.row();
                column = cell.column();
                value = cell.value();
            } else if (correction instanceof Correction.ColumnDefault given) {
                column = given.column();
                value = given.value();
            } else if (correction instanceof Correction.SkipRows skip) {
                rows = join(skip.rows());
            }
            jdbc.sql("INSERT INTO import_corrections (job_id, op, row_number, column_name, value, rows, created_by)"
                            + " VALUES (:job, :op, :row, :column, :value, string_to_array(:rows, ',')::bigint[], :by)")
                    .param("job", job.id()).param("op", correction.op()).param("row", row)
                    .param("column", column).param("value", value).param("rows", rows).param("by", by).update();
        }
    }

    /** The refused rows the pending edits and defaults touch: those edited, and those empty in a defaulted column. */
    private List<Long> rowsFor(JobRef job, Map<Long, Map<Integer, String>> edits, Set<Integer> defaulted) {
        Set<Long> rows = new TreeSet<>(edits.keySet());
        for (int column : defaulted) {
            // one indexed scan of the job's refused rows; [[:space:]] as the validator's isBlank takes a blank cell
            rows.addAll(jdbc.sql("SELECT DISTINCT row_number FROM import_row_errors WHERE " + REFUSED
                            + " AND coalesce(raw_record ->> " + column + ", '') ~ '^[[:space:]]*$'")
                    .param("job", job.id()).query(Long.class).list());
        }
        return new ArrayList<>(rows);
    }

    /** Refused rows (all of them, or those of {@code rowFilter}) set aside. @return rows newly skipped */
    private long skipRefused(JobRef job, String rowFilter, String rows) {
        return jdbc.sql("WITH s AS (UPDATE import_row_errors SET skipped = true WHERE " + REFUSED + rowFilter
                        + " RETURNING row_number) SELECT count(DISTINCT row_number) FROM s")
                .param("job", job.id()).param("rows", rows).query(Long.class).single();
    }

    /**
     * Staged rows left out: gone from staging, kept in the error report as skipped.
     *
     * @param which a condition on staged row {@code s} ({@code :job}, {@code :rows} and {@code :tenant} bound)
     * @return rows skipped
     */
    private long skipStaged(JobRef job, String which, String rows) {
        StagingTable table = StagingTable.of(job.kind());
        return jdbc.sql("WITH s AS (DELETE FROM " + table.name() + " s WHERE " + which + " RETURNING s.*) INSERT INTO import_row_errors (job_id, row_number, column_name, code,"
                        + " message, raw_record, skipped) SELECT s.job_id, s.row_number, NULL, 'SKIPPED_AT_REVIEW',"
                        + " 'left out at review', " + StagingTable.RAW_VALUES + ", true FROM s")
                .param("job", job.id()).param("rows", rows).param("tenant", job.tenant()).update();
    }

    static String join(java.util.Collection<Long> rows) {
        return rows.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
