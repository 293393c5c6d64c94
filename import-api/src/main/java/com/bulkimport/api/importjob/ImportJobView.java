package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What {@code GET /api/imports/{id}} answers (snake_case on the wire); {@code label} is the seed's batch_name;
 * {@code revertsJobId} the import a revert job undoes (absent for an import); {@code owner} and {@code tenant} whose
 * job it is (an admin's list holds everyone's); {@code images} a product import's image counts.
 */
record ImportJobView(UUID jobId, String kind, ImportMode mode, JobStatus status,
                     @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"high", "normal", "low"},
                             description = "the lane its work travels in (docs/architecture.md, Priority and fairness)")
                     String priority, boolean atomic, String fileName,
                     String label, String owner, String tenant, Long fileSize, String encoding, String delimiter,
                     List<String> warnings, Progress progress,
                     Timestamps timestamps, Failure failure, JsonNode preview,
                     List<ImportJobRepository.RowError> recentErrors, String errorReportUrl, UUID revertsJobId,
                     Images images) {

    /**
     * A product import's images (README, "Product images"): each image a staged row names counts once in
     * {@code total}; {@code done} were fetched and stored, {@code failed} are row warnings {@code IMAGE_FETCH_FAILED}.
     * Null for other kinds.
     */
    record Images(long total, long done, long failed) {
    }

    /**
     * For purchases, created and duplicates count transactions and {@code items} the lines written. While
     * the file is read ({@code phase} {@code reading}) {@code totalRows} is null, {@code percentage} is of
     * the file's bytes, {@code estimatedTotalRows} what the file will hold at the density read so far and
     * {@code rowsPerSecond} the read's pace; while it is applied ({@code applying}) the percentage is of the
     * rows processed. {@code phase} is null before the read and once the job has stopped. A revert counts the records
 * it deleted ({@code deleted}, absent for an import), those it gave their old values back ({@code updated}), those
 * already gone ({@code unchanged}) and its conflicts ({@code errors}). {@code skipped}: rows its owner left out at
     * review (absent when none): neither errors nor imported.
     */
    record Progress(Long totalRows, Long estimatedTotalRows, long processedRows, long created, long updated,
                    long unchanged, long duplicates, long errors, Long items, double percentage, Double rowsPerSecond,
                    String phase, long rowsRead, long bytesRead, Long deleted, Long skipped) {
    }

    record Timestamps(Instant createdAt, Instant startedAt, Instant completedAt, Instant estimatedCompletion) {
    }

    /**
     * {@code retryable} is false where a retry would read the same file to the same end (it is binary, has no
     * data rows, lacks a required column...): the page offers no retry then. Added beside code and reason.
     */
    record Failure(String code, String reason, boolean retryable) {

        /** Failures of the file itself: retrying reads the same bytes with the same options, fixed once failed. */
        static final java.util.Set<String> OF_THE_FILE = java.util.Set.of("EMPTY_FILE", "NOT_TEXT", "BAD_GZIP",
                "BAD_ENCODING", "MALFORMED_CSV", "BAD_XLSX", "NO_SHEETS", "NO_VISIBLE_SHEET", "SHEET_NOT_FOUND",
                "WORKBOOK_ENCRYPTED", "XLS_NOT_SUPPORTED", "NO_DATA_ROWS", "MISSING_COLUMNS", "BAD_COLUMN_MAPPING",
                "UPLOAD_EXPIRED", "UPLOAD_MISSING");

        static Failure of(String code, String reason) {
            return new Failure(code, reason, !OF_THE_FILE.contains(code));
        }
    }
}
