package com.bulkimport.api.importjob;

import com.bulkimport.engine.job.JobRef;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.Priority;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code import_jobs}, as the API reads it; {@code label} is a name the user gave the job
 * (the seed's {@code batch_name}), or null. {@code applyBaseRows} is {@code processedRows} when apply
 * last (re)started: the rows that count toward the current rate are those after it. {@code uploadId} and
 * {@code uploadPartSize} are set for a file uploaded in parts (null for a single PUT), {@code uploadCompletedAt}
 * once S3 assembled those parts. {@code stillReading}: its batches apply while its file is still being read
 * ({@code totalRows} is then the rows read so far). {@code revertsJobId}: the import a revert job undoes (else
 * null), {@code deleted} the records it deleted. {@code skipped}: rows its owner left out at review.
 * {@code images*}: a product import's images (V27).
 */
public record ImportJob(
        UUID id, String owner, String tenant, ImportKind kind, ImportMode mode, JobStatus status,
        String fileName, Long fileSize, String objectKey, String optionsJson, String encoding, String delimiter,
        String warningsJson, String failureCode, String failureReason,
        Long totalRows, long processedRows, long created, long updated, long unchanged, long duplicates, long errors,
        int batchCount, int batchesDone, long ingestRow, long ingestFileBytes, String traceId, String previewJson, long items, boolean atomic,
        String label, Instant createdAt, Instant startedAt, Instant applyStartedAt, long applyBaseRows, Instant completedAt,
        Instant updatedAt, String uploadId, Long uploadPartSize, Instant uploadCompletedAt, Instant expiresAt,
        boolean stillReading, Priority priority, UUID revertsJobId, long deleted, long skipped, long imagesTotal,
        long imagesDone, long imagesFailed) {

    /** The job as the engine knows it: its own owner and tenant, whoever acts on it (an admin too). */
    boolean multipart() {
        return uploadId != null;
    }

    JobRef ref() {
        return new JobRef(id, owner, tenant, kind, mode, traceId, ImportOptions.fromJson(optionsJson), priority);
    }
}
