package com.bulkimport.engine.release;

import com.bulkimport.engine.batch.Batch;
import com.bulkimport.engine.batch.Batches;
import com.bulkimport.engine.job.JobLeftIngesting;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.staging.InFileDuplicates;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.model.ImportKind;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * Releases a job's batches while its file is still being read (docs/architecture.md, "Apply while
 * ingesting"): after each chunk, every batch whose rows are all staged gets its in-file duplicates marked
 * against the rows before it and goes out, so the apply runs beside the read. A row's batch is fixed by its
 * row number ({@code (row - 1) / batchSize}), so "all staged" means the checkpoint passed the batch's end.
 * All in the caller's transaction: the chunk's, under its fence.
 */
public final class ReadingRelease {

    private final JdbcClient jdbc;
    private final JobLifecycle lifecycle;
    private final Batches batches;

    public ReadingRelease(JdbcClient jdbc, JobLifecycle lifecycle, Batches batches) {
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.batches = batches;
    }

    /**
     * Whether a job's batches may go out before its file is read to the end. Not an atomic import (one batch,
     * all or nothing), nor a dry run (its preview needs every row), nor purchases (a transaction's lines may
     * lie anywhere in the file and go into one batch, and the purchase rules look at the whole file).
     */
    public static boolean appliesWhileReading(JobRef job) {
        return !job.dryRun() && job.kind() != ImportKind.PURCHASES && !job.options().atomicFor(job.kind());
    }

    /**
     * The batches the rows read so far fill completely, past those released before: their in-file duplicates
     * marked and their {@code import_batches} rows written, not yet announced. Heavy (the duplicates are looked up
     * in {@code staging_keys}, up to a second a chunk), and it touches only the job's own staged rows, keys and
     * new batches, which no one else writes while the chunk holds the job's turn: so it runs before the chunk
     * takes the job row's lock, which every batch applied beside the read needs to count itself in.
     *
     * @param releasedRows the rows whose batches exist already (a multiple of {@code batchSize})
     * @param rowsRead     the rows staged (or refused) so far
     */
    public Prepared prepare(JobRef job, long releasedRows, long rowsRead, int batchSize) {
        long filled = rowsRead / batchSize * batchSize;
        if (filled <= releasedRows) {
            return new Prepared(releasedRows, List.of(), 0, releasedRows);
        }
        StagingTable table = StagingTable.of(job.kind());
        preferIndexes();
        int fromSeq = (int) (releasedRows / batchSize);
        int toSeq = (int) (filled / batchSize);
        long duplicates = InFileDuplicates.markReleased(jdbc, table, job.id(), fromSeq, toSeq);
        List<Batch> batches = this.batches.insertFromStaging(job.id(), table.name(), fromSeq, toSeq);
        return new Prepared(releasedRows, batches, duplicates, filled);
    }

    /**
     * Announces what {@link #prepare} made ready; under the job row's lock (the chunk's fence), which must still
     * show the released rows it was prepared from.
     *
     * @return the batches released now
     * @throws JobLeftIngesting when the job is no longer being read
     * @throws IllegalStateException when the job's released rows moved since it was prepared
     */
    public int release(JobRef job, Prepared prepared, long releasedRowsNow) {
        if (releasedRowsNow != prepared.releasedBefore()) {
            throw new IllegalStateException("job " + job.id() + " released rows moved from "
                    + prepared.releasedBefore() + " to " + releasedRowsNow + " during a chunk");
        }
        if (prepared.batches().isEmpty()) {
            return 0;
        }
        lifecycle.releaseWhileReading(job, prepared.batches(), prepared.duplicates(), prepared.filledRows());
        return prepared.batches().size();
    }

    /**
     * Batches prepared for release.
     *
     * @param releasedBefore the job's released rows they were prepared from
     * @param filledRows     the released rows once they are out
     */
    public record Prepared(long releasedBefore, List<Batch> batches, long duplicates, long filledRows) {
    }

    /**
     * A release touches a few batches of a staging table and their keys, by index. The statistics of both lag
     * behind a running import (autovacuum analyzes late): a plan that trusts "staging_keys is empty" scans it once
     * per staged row (minutes at a few thousand rows, met in ProductImportIntegrationTest). Index paths only, for
     * the rest of the chunk's transaction (its other statements are the COPY and updates by primary key).
     */
    private void preferIndexes() {
        jdbc.sql("SET LOCAL enable_seqscan = off").update();
    }

    /**
     * The end of the file: the batches of the rows left, the exact total, and the job completes if every batch
     * is in already. The caller forgets the job's keys once this has committed
     * ({@link InFileDuplicates#forgetKeysInPieces}).
     *
     * @throws JobLeftIngesting when the job is no longer being read
     */
    public void releaseRest(JobRef job, long releasedRows, long totalRows, int batchSize) {
        StagingTable table = StagingTable.of(job.kind());
        preferIndexes();
        int fromSeq = (int) (releasedRows / batchSize);
        long duplicates = InFileDuplicates.markReleased(jdbc, table, job.id(), fromSeq, Integer.MAX_VALUE);
        List<Batch> released = batches.insertFromStaging(job.id(), table.name(), fromSeq, Integer.MAX_VALUE);
        // the keys stay for now: deleting them here would hold the job row for as long (InFileDuplicates
        // .forgetKeysInPieces, after the commit)
        lifecycle.endReading(job, totalRows, released, duplicates);
    }
}
